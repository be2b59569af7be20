using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace QualityGates.Web.Pages;

/// <summary>Renders unhandled errors and every 4xx/5xx status without a body (403 is "access denied").</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public string? RequestId { get; private set; }

    /// <summary>The resource key prefix for this status: Error.Page.403.Title, Error.Page.Other.Title …</summary>
    public string TextKey => Code switch
    {
        StatusCodes.Status400BadRequest or StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound
            or StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable => $"ErrorPage.{Code}",
        _ => "ErrorPage.Other",
    };

    public void OnGet(int? code) => Render(code);

    public void OnPost(int? code) => Render(code);

    private void Render(int? code)
    {
        // After an exception the handler has chosen the status already (503 for an unreachable database).
        Code = code ?? (Response.StatusCode >= StatusCodes.Status400BadRequest ? Response.StatusCode : StatusCodes.Status500InternalServerError);
        Response.StatusCode = Code;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
