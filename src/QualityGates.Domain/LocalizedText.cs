namespace QualityGates.Domain;

/// <summary>
/// A name or text of reference data (a department, a category, a gate and its checkpoints, an envelope) in each
/// language of the user interface: English always — the text the data had before it had two —, German when
/// someone entered it. A reader of German sees the English until then.
/// </summary>
public sealed record LocalizedText
{
    public const string EnglishLanguage = "en";
    public const string GermanLanguage = "de";

    public LocalizedText(string english, string? german = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(english);
        English = english.Trim();
        German = string.IsNullOrWhiteSpace(german) ? null : german.Trim();
    }

    public string English { get; }

    /// <summary>Null until someone enters it.</summary>
    public string? German { get; }

    /// <summary>
    /// The text for a reader of <paramref name="language"/> ("en" or "de"). Queries may call it too: the web
    /// project's query interceptor turns it into the same choice in SQL.
    /// </summary>
    public string In(string language) => language == GermanLanguage && German is not null ? German : English;

    /// <summary>The same text with another German wording (or none).</summary>
    public LocalizedText WithGerman(string? german) => new(English, german);

    public override string ToString() => English;
}
