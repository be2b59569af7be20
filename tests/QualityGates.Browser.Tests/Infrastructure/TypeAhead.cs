using Microsoft.Playwright;

namespace QualityGates.Browser.Tests.Infrastructure;

/// <summary>Chooses in a type-ahead select (wwwroot/js/typeahead.js) as a person does: types part of a name, clicks the match.</summary>
public static class TypeAhead
{
    /// <summary>The type-ahead's text box: a combobox named by the field's label (the label names its list of matches too).</summary>
    public static ILocator Field(IPage page, string label) => page.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true });

    public static ILocator Field(ILocator scope, string label) => scope.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true });

    /// <param name="field">The type-ahead's text box, found by its label like any other field.</param>
    /// <param name="typed">What the person types.</param>
    /// <param name="match">The text of the match to click.</param>
    public static async Task PickAsync(this ILocator field, string typed, string match)
    {
        await field.FillAsync(typed);
        // The open list of matches; the hidden select's own options are not what a person clicks. A person waits
        // until the search has answered: a late answer replaces the list (and, under load, undid a quick click).
        var option = field.Page.Locator(".ts-dropdown").GetByRole(AriaRole.Option, new() { Name = match });
        await Assertions.Expect(option).ToBeVisibleAsync();
        await Assertions.Expect(field.Page.Locator(".ts-wrapper.loading")).ToHaveCountAsync(0);
        await option.ClickAsync();
        await Assertions.Expect(field.Page.Locator(".ts-wrapper.has-items .item", new() { HasText = match }).First).ToBeVisibleAsync();
    }
}
