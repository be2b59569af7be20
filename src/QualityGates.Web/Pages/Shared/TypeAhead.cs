using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace QualityGates.Web.Pages.Shared;

/// <summary>
/// A select with too many choices to send (customers, people): the page renders only the chosen option and the
/// empty one, and wwwroot/js/typeahead.js (Tom Select) fetches matches from <c>typeahead-url</c> as the user
/// types. Without script the select still posts the chosen value.
/// </summary>
[HtmlTargetElement("select", Attributes = UrlAttribute)]
public sealed class TypeAheadTagHelper(IStringLocalizer<SharedResource> l) : TagHelper
{
    private const string UrlAttribute = "typeahead-url";

    [HtmlAttributeName(UrlAttribute)]
    public string Url { get; set; } = "";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.SetAttribute("data-typeahead-url", Url);
        output.Attributes.SetAttribute("data-typeahead-no-results", l["TypeAhead.NoResults"].Value);
        output.Attributes.SetAttribute("data-typeahead-clear", l["TypeAhead.Clear"].Value);
    }
}

/// <summary>What the search endpoints behind the type-aheads share.</summary>
public static class TypeAheadSearch
{
    public const int MaxResults = 20;

    public const int TermMaxLength = 100;

    /// <summary>What was typed, trimmed, cut to <see cref="TermMaxLength"/> and lower-cased; "" when nothing was.</summary>
    public static string Term(string? typed)
    {
        var term = typed?.Trim() ?? "";
        return term[..Math.Min(term.Length, TermMaxLength)].ToLowerInvariant();
    }
}
