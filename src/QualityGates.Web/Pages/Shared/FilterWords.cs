using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Shared;

/// <summary>
/// A list's filter in words, "Label: value" each, for the caption of a list opened from the dashboard. Only
/// values the application knows are written: names looked up by id, texts of enum values, dates.
/// </summary>
public sealed class FilterWords(IStringLocalizer l)
{
    private readonly List<string> _words = [];

    public IReadOnlyList<string> Words => _words;

    public FilterWords Add(string labelKey, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _words.Add($"{l[labelKey]}: {value}");
        }

        return this;
    }

    /// <summary>The name of the chosen item of a choice list, when one is chosen.</summary>
    public FilterWords Add(string labelKey, int? id, IEnumerable<SelectListItem> items) =>
        id is { } chosen
            ? Add(labelKey, items.FirstOrDefault(i => i.Value == chosen.ToString(System.Globalization.CultureInfo.InvariantCulture))?.Text ?? "#" + chosen.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : this;

    public FilterWords Flag(string labelKey, bool? value) =>
        value is { } set ? Add(labelKey, l[set ? "Common.Yes" : "Common.No"]) : this;

    public FilterWords Period(string labelKey, DateOnly? from, DateOnly? to) =>
        from is null && to is null ? this : Add(labelKey, l["Drill.Period", from?.Date() ?? "…", to?.Date() ?? "…"]);
}
