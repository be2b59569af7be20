using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace QualityGates.Web.Hosting;

/// <summary>
/// A posted value that no form of the app can produce — text in a hidden version field, a select or a
/// checkbox (ids, enums, flags) — is a tampered request: 400, rather than the page again with an error
/// next to a field the user cannot see or change. Values people type (text, decimals, dates) keep their
/// validation messages; they are bound as strings, decimals or dates, which this filter leaves alone.
/// A NUL character anywhere in the query string is refused the same way.
/// </summary>
public sealed partial class TamperedInputFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // No keyboard types a NUL character, and PostgreSQL refuses it in text: refused before any query.
        // (A form with one never gets here: ASP.NET Core's form reader refuses it, antiforgery answers 400.)
        if (context.HttpContext.Request.Query.Any(q => HasNul(q.Value)))
        {
            context.Result = new BadRequestResult();
            return;
        }

        if (!HttpMethods.IsGet(context.HttpContext.Request.Method))
        {
            foreach (var (key, entry) in context.ModelState)
            {
                // A hidden version field is never empty; other choices may be ("none selected").
                if (entry.Errors.Count > 0
                    && (key.EndsWith("Version", StringComparison.OrdinalIgnoreCase)
                        || (!string.IsNullOrEmpty(entry.AttemptedValue) && IsChosenNotTyped(TypeOf(context, key)))))
                {
                    context.Result = new BadRequestResult();
                    return;
                }
            }
        }

        await next();
    }

    private static bool HasNul(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Any(v => v is not null && v.Contains('\0', StringComparison.Ordinal));

    private static bool IsChosenNotTyped(Type? type)
    {
        if (type is null)
        {
            return false;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(int) || type == typeof(long) || type == typeof(bool) || type == typeof(Guid) || type.IsEnum;
    }

    // "Input.NewCheckpoints[2].ProvidingDepartmentId" → the property's type; a handler parameter ("version") too.
    private static Type? TypeOf(PageHandlerExecutingContext context, string key)
    {
        var parts = Index().Replace(key, "").Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return null;
        }

        var parameter = context.HandlerMethod?.Parameters.FirstOrDefault(p => string.Equals(p.Name, parts[0], StringComparison.OrdinalIgnoreCase));
        var type = parameter?.ParameterType ?? Property(context.HandlerInstance.GetType(), parts[0]);
        foreach (var part in parts.Skip(1))
        {
            type = type is null ? null : Property(ElementType(type), part);
        }

        return type is null ? null : ElementType(type);
    }

    private static Type? Property(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;

    private static Type ElementType(Type type) =>
        type != typeof(string) && type.IsAssignableTo(typeof(IEnumerable))
            ? type.IsArray ? type.GetElementType()! : type.GetGenericArguments().FirstOrDefault() ?? type
            : type;

    [GeneratedRegex(@"\[\d*\]")]
    private static partial Regex Index();
}
