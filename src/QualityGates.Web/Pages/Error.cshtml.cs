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

    public string Title => Code switch
    {
        StatusCodes.Status403Forbidden => "Access denied",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status400BadRequest => "Bad request",
        _ => "Something went wrong",
    };

    public string Explanation => Code switch
    {
        StatusCodes.Status403Forbidden =>
            "Your role or department does not allow this. If you need it, ask an administrator.",
        StatusCodes.Status404NotFound => "The page or record does not exist, or its address is wrong.",
        StatusCodes.Status400BadRequest =>
            "The request could not be processed. If you used a form, reload the page and try again.",
        _ => "An unexpected error occurred. Please try again; if it persists, contact support with the request id below.",
    };

    public void OnGet(int? code) => Render(code);

    public void OnPost(int? code) => Render(code);

    private void Render(int? code)
    {
        Code = code ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = Code;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
