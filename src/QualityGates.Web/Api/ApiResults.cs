using System.Globalization;
using System.Text.Json;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Api;

/// <summary>The API's answers other than success: RFC 9457 problem details, one way each.</summary>
internal static class ApiResults
{
    public static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail, statusCode: status);

    public static ProblemHttpResult NotFound(IStringLocalizer l) => Problem(StatusCodes.Status404NotFound, l["Api.NotFound"]);

    public static ProblemHttpResult Forbidden(IStringLocalizer l) => Problem(StatusCodes.Status403Forbidden, l["Api.Forbidden"]);

    /// <summary>A transition the domain refuses: the rule's explanation, and its code for programs.</summary>
    public static ProblemHttpResult Refused(IStringLocalizer l, DomainException e) => TypedResults.Problem(
        l.Error(e), statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["code"] = e.Code });

    /// <summary>422 with the validators' messages by field, named as the JSON names them.</summary>
    public static ProblemHttpResult Invalid(ValidationResult result) => TypedResults.Problem(new HttpValidationProblemDetails(
        result.Errors.GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()))
    {
        Status = StatusCodes.Status422UnprocessableEntity,
    });
}

/// <summary>A record's version as its entity tag (ADR 0003): reads send it, writes on an existing record must match it.</summary>
internal static class EntityTags
{
    public static string Of(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void Set(HttpResponse response, int version) => response.Headers.ETag = Of(version);

    /// <summary>The version named by If-Match; 428 without one, 412 for one that names no version (never "*").</summary>
    public static (int? Version, IResult? Refusal) Expected(HttpRequest request, IStringLocalizer l)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return (null, ApiResults.Problem(StatusCodes.Status428PreconditionRequired, l["Api.IfMatchRequired"]));
        }

        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return tag.Length > 2 && tag[0] == '"' && tag[^1] == '"'
               && int.TryParse(tag[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (version, null)
            : (null, Stale(l));
    }

    public static ProblemHttpResult Stale(IStringLocalizer l) => ApiResults.Problem(StatusCodes.Status412PreconditionFailed, l["Api.VersionChanged"]);
}
