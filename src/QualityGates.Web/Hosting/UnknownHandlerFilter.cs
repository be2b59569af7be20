using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace QualityGates.Web.Hosting;

/// <summary>
/// A POST whose handler the page does not have (<c>?handler=Nope</c> on a page with only named post
/// handlers, or any POST to a page without one) answers 404. Razor Pages would otherwise render the page
/// without running a handler, and a page whose model is loaded by its handlers fails with a 500.
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Result = new NotFoundResult();
            return;
        }

        await next();
    }
}
