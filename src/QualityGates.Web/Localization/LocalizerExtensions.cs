using System.Globalization;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Localization;

/// <summary>Texts for domain values, in the request's language.</summary>
public static class LocalizerExtensions
{
    public static string Status(this IStringLocalizer l, PromiseStatus status) => l[$"PromiseStatus.{status}"];

    public static string Source(this IStringLocalizer l, PromiseSource source) => l[$"PromiseSource.{source}"];

    public static string Role(this IStringLocalizer l, string role) => l[$"Role.{role}"];

    public static string FeedbackStatus(this IStringLocalizer l, FeedbackStatus status) => l[$"FeedbackStatus.{status}"];

    public static string FeedbackType(this IStringLocalizer l, FeedbackType type) => l[$"FeedbackType.{type}"];

    public static string Severity(this IStringLocalizer l, FeedbackSeverity severity) => l[$"FeedbackSeverity.{severity}"];

    public static string Phase(this IStringLocalizer l, PdcaPhase phase) => l[$"PdcaPhase.{phase}"];

    public static string UpstreamKind(this IStringLocalizer l, UpstreamChangeKind kind) => l[$"UpstreamChangeKind.{kind}"];

    /// <summary>"First response ≤ 4 h", "Verfügbarkeit ≥ 99,5 %", "Delivery by 1 Mar 2027".</summary>
    public static string Target(this IStringLocalizer l, MeasurableTarget target) =>
        !target.IsMeasurable ? ""
        : target.Comparator == TargetComparator.ByDate
            ? l["Target.ByDate", target.Metric!, target.TargetDate!.Value.Date()]
            : $"{target.Metric} {MeasurableTarget.Symbol(target.Comparator)} {target.Value!.Value.ToString("0.####", CultureInfo.CurrentCulture)} {target.Unit}";

    /// <summary>A broken business rule, explained: "Error.{Code}" with the rule's arguments, statuses and names translated.</summary>
    public static string Error(this IStringLocalizer l, DomainException error) =>
        l[$"Error.{error.Code}", error.Arguments.Select(a => a switch
        {
            PromiseStatus s => l.Status(s),
            FeedbackStatus f => l.FeedbackStatus(f),
            PdcaPhase p => l.Phase(p),
            LocalizedText name => name.In(Cultures.Current),
            _ => a,
        }).ToArray()];

    /// <summary>"2 Mar 2026" in English — "3/2/2026" reads as 3 February to a German colleague —, "02.03.2026" in German.</summary>
    public static string Date(this DateOnly date) => date.ToString(DatePattern, CultureInfo.CurrentCulture);

    /// <summary>
    /// "2 Mar 2026 10:30 AM UTC+1", "02.03.2026 10:30 UTC+1": the instant in the reader's zone, named by its offset
    /// at that instant. Offsets read the same in both languages; abbreviations do not (CET/MEZ) and repeat across
    /// continents (CST).
    /// </summary>
    public static string DateTime(this DateTime utc, TimeZoneInfo zone)
    {
        var instant = System.DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        var local = TimeZoneInfo.ConvertTimeFromUtc(instant, zone);
        return local.ToString($"{DatePattern} {CultureInfo.CurrentCulture.DateTimeFormat.ShortTimePattern}", CultureInfo.CurrentCulture)
            + " " + Offset(zone.GetUtcOffset(instant));
    }

    /// <summary>"UTC", "UTC+1", "UTC-5", "UTC+5:30".</summary>
    public static string Offset(TimeSpan offset) =>
        offset == TimeSpan.Zero ? "UTC"
        : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().Hours.ToString(CultureInfo.InvariantCulture)
          + (offset.Minutes == 0 ? "" : ":" + offset.Duration().Minutes.ToString("00", CultureInfo.InvariantCulture));

    private static string DatePattern => CultureInfo.CurrentCulture.TwoLetterISOLanguageName == Cultures.English
        ? "d MMM yyyy"
        : CultureInfo.CurrentCulture.DateTimeFormat.ShortDatePattern;
}
