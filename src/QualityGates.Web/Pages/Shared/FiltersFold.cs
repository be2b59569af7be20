using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace QualityGates.Web.Pages.Shared;

/// <summary>
/// A list's filter form that folds away behind a "Filters" button on small screens, so that the list, not the
/// filters, fills a phone's first screen; from the md breakpoint up the form is always shown and the button hidden.
/// <c>filters-fold="true"</c> (filters in use) keeps it unfolded, so the reader sees what narrows the list.
/// Bootstrap's collapse does the folding; without script the form stays folded only on small screens.
/// </summary>
[HtmlTargetElement("form", Attributes = FoldAttribute)]
public sealed class FiltersFoldTagHelper(IStringLocalizer<SharedResource> l) : TagHelper
{
    private const string FoldAttribute = "filters-fold";

    /// <summary>Whether a filter is in use: then the form starts unfolded on small screens too.</summary>
    [HtmlAttributeName(FoldAttribute)]
    public bool InUse { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var id = output.Attributes.TryGetAttribute("id", out var given) ? given.Value.ToString()! : "filters";
        output.Attributes.SetAttribute("id", id);

        // A form laid out as a Bootstrap row is a flex box and must stay one when shown.
        var isRow = output.Attributes.TryGetAttribute("class", out var classes)
            && classes.Value.ToString()!.Split(' ').Contains("row");
        output.AddClass("collapse", HtmlEncoder.Default);
        output.AddClass(isRow ? "d-md-flex" : "d-md-block", HtmlEncoder.Default);
        if (InUse)
        {
            output.AddClass("show", HtmlEncoder.Default);
        }

        var toggle = new TagBuilder("button");
        toggle.AddCssClass("btn btn-outline-secondary d-md-none mb-2 filters-toggle");
        toggle.Attributes["type"] = "button";
        toggle.Attributes["data-bs-toggle"] = "collapse";
        toggle.Attributes["data-bs-target"] = "#" + id;
        toggle.Attributes["aria-controls"] = id;
        toggle.Attributes["aria-expanded"] = InUse ? "true" : "false";
        toggle.InnerHtml.Append(InUse ? l["Common.FiltersInUse"].Value : l["Common.Filters"].Value);
        output.PreElement.AppendHtml(toggle);
    }
}
