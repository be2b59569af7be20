using System.Globalization;
using System.Resources;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Tests.Infrastructure;

/// <summary>
/// The user interface's texts, read from its resources, so tests follow wording changes; arguments (dates,
/// numbers) formatted in the language's culture, as the app formats them for a reader of that language.
/// </summary>
public static class Texts
{
    public static readonly ResourceManager Resources = new("QualityGates.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    public static string English(string key, params object[] arguments) => In(Cultures.English, key, arguments);

    public static string German(string key, params object[] arguments) => In(Cultures.German, key, arguments);

    public static string In(string culture, string key, params object[] arguments)
    {
        var info = CultureInfo.GetCultureInfo(culture);
        var text = Resources.GetString(key, info) ?? throw new KeyNotFoundException(key);
        return arguments.Length == 0 ? text : string.Format(info, text, arguments);
    }
}
