using System.Globalization;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Localization;

/// <summary>Texts for domain values, in the request's language.</summary>
public static class LocalizerExtensions
{
    public static string Status(this IStringLocalizer l, PromiseStatus status) => l[$"PromiseStatus.{status}"];

    public static string Source(this IStringLocalizer l, PromiseSource source) => l[$"PromiseSource.{source}"];

    public static string Role(this IStringLocalizer l, string role) => l[$"Role.{role}"];

    /// <summary>"First response ≤ 4 h", "Verfügbarkeit ≥ 99,5 %", "Delivery by 3/1/2027".</summary>
    public static string Target(this IStringLocalizer l, MeasurableTarget target) =>
        !target.IsMeasurable ? ""
        : target.Comparator == TargetComparator.ByDate
            ? l["Target.ByDate", target.Metric!, target.TargetDate!.Value.ToString("d", CultureInfo.CurrentCulture)]
            : $"{target.Metric} {MeasurableTarget.Symbol(target.Comparator)} {target.Value!.Value.ToString("0.####", CultureInfo.CurrentCulture)} {target.Unit}";

    /// <summary>A broken business rule, explained: "Error.{Code}" with the rule's arguments, statuses translated.</summary>
    public static string Error(this IStringLocalizer l, DomainException error) =>
        l[$"Error.{error.Code}", error.Arguments.Select(a => a is PromiseStatus s ? l.Status(s) : a).ToArray()];

    public static string Date(this DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    public static string DateTime(this DateTime utc) => utc.ToString("g", CultureInfo.CurrentCulture) + " UTC";
}
