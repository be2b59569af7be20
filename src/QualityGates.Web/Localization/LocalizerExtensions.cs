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

    /// <summary>A broken business rule, explained: "Error.{Code}" with the rule's arguments, statuses translated.</summary>
    public static string Error(this IStringLocalizer l, DomainException error) =>
        l[$"Error.{error.Code}", error.Arguments.Select(a => a switch
        {
            PromiseStatus s => l.Status(s),
            FeedbackStatus f => l.FeedbackStatus(f),
            PdcaPhase p => l.Phase(p),
            _ => a,
        }).ToArray()];

    /// <summary>"2 Mar 2026" in English — "3/2/2026" reads as 3 February to a German colleague —, "02.03.2026" in German.</summary>
    public static string Date(this DateOnly date) => date.ToString(DatePattern, CultureInfo.CurrentCulture);

    public static string DateTime(this DateTime utc) =>
        utc.ToString($"{DatePattern} {CultureInfo.CurrentCulture.DateTimeFormat.ShortTimePattern}", CultureInfo.CurrentCulture) + " UTC";

    private static string DatePattern => CultureInfo.CurrentCulture.TwoLetterISOLanguageName == Cultures.English
        ? "d MMM yyyy"
        : CultureInfo.CurrentCulture.DateTimeFormat.ShortDatePattern;
}
