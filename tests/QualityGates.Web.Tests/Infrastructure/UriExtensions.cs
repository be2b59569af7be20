namespace QualityGates.Web.Tests.Infrastructure;

public static class UriExtensions
{
    /// <summary>Path and query of a Location header, whether the app sent it absolute or relative.</summary>
    public static string PathAndQuery(this Uri uri) =>
        uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
