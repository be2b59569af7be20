using System.Globalization;
using System.Resources;

namespace QualityGates.Web.Tests.Infrastructure;

/// <summary>The user interface's texts, read from its resources, so tests follow wording changes.</summary>
public static class Texts
{
    public static readonly ResourceManager Resources = new("QualityGates.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    public static string English(string key, params object[] arguments) => Text(key, CultureInfo.InvariantCulture, arguments);

    public static string German(string key, params object[] arguments) => Text(key, CultureInfo.GetCultureInfo("de"), arguments);

    private static string Text(string key, CultureInfo culture, object[] arguments)
    {
        var text = Resources.GetString(key, culture) ?? throw new KeyNotFoundException(key);
        return arguments.Length == 0 ? text : string.Format(culture, text, arguments);
    }
}
