using Microsoft.AspNetCore.ResponseCompression;

namespace QualityGates.Web.Hosting;

/// <summary>
/// Brotli or gzip for pages, JSON, CSS and scripts when the browser accepts it, over HTTPS too. Dynamic responses
/// are compressed only for requests the browser says come from the app itself or from the user (Sec-Fetch-Site
/// same-origin or none): another site that makes a signed-in browser fetch pages gets them uncompressed, so their
/// sizes tell it nothing about what is in them (BREACH, ADR 0020). Static files come precompressed from MapStaticAssets.
/// </summary>
public static class ResponseCompression
{
    public const string FetchSiteHeader = "Sec-Fetch-Site";

    public static IServiceCollection AddQualityGatesResponseCompression(this IServiceCollection services) =>
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });

    public static IApplicationBuilder UseQualityGatesResponseCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => IsFromTheAppOrTheUser(context.Request), branch => branch.UseResponseCompression());

    public static bool IsFromTheAppOrTheUser(HttpRequest request) =>
        request.Headers[FetchSiteHeader].ToString() is "same-origin" or "none";
}
