using System.Globalization;

namespace QualityGates.Web.Localization;

public static class Cultures
{
    public const string English = "en";
    public const string German = "de";

    public static IReadOnlyList<string> Supported { get; } = [English, German];

    public static IReadOnlyList<CultureInfo> SupportedCultures { get; } = Supported.Select(CultureInfo.GetCultureInfo).ToList();

    public static bool IsSupported(string? culture) => culture is not null && Supported.Contains(culture);

    /// <summary>
    /// The reader's language (the request's UI culture, or the recipient's while an e-mail is rendered), as
    /// <see cref="Domain.LocalizedText.In"/> takes it: reference data's names are shown in it.
    /// </summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == German ? German : English;
}
