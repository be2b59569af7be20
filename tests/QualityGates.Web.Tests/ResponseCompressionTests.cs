using System.IO.Compression;
using System.Net;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>
/// Pages and JSON travel compressed when the browser accepts it and the request comes from the app's own pages
/// or the user; requests another site starts get them uncompressed (BREACH, ADR 0020).
/// </summary>
public sealed class ResponseCompressionTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private static async Task<HttpResponseMessage> GetAsync(TestClient client, string url, string encoding, string? fetchSite)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        if (fetchSite is not null)
        {
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
        }

        var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static async Task<string> DecompressedAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream decompressed = response.Content.Headers.ContentEncoding.Single() switch
        {
            "br" => new BrotliStream(body, CompressionMode.Decompress),
            "gzip" => new GZipStream(body, CompressionMode.Decompress),
            var other => throw new InvalidOperationException($"Unexpected encoding {other}"),
        };
        using var reader = new StreamReader(decompressed);
        return await reader.ReadToEndAsync();
    }

    [Theory]
    [InlineData("br", "same-origin")]
    [InlineData("gzip", "same-origin")]
    [InlineData("gzip, deflate, br", "none")]
    public async Task A_page_comes_compressed_when_the_browser_accepts_it(string acceptEncoding, string fetchSite)
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("sales@demo.local");
        var plainLength = (await (await GetAsync(client, "/Promises", "identity", fetchSite)).Content.ReadAsByteArrayAsync()).Length;

        var response = await GetAsync(client, "/Promises", acceptEncoding, fetchSite);

        Assert.Equal(acceptEncoding.Contains("br", StringComparison.Ordinal) ? "br" : "gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var compressedLength = (await response.Content.ReadAsByteArrayAsync()).Length;
        Assert.True(compressedLength * 3 < plainLength, $"{compressedLength} compressed bytes of {plainLength}");
        Assert.Contains(Texts.English("Promises.Register.Title"), await DecompressedAsync(await GetAsync(client, "/Promises", acceptEncoding, fetchSite)));
    }

    [Fact]
    public async Task The_search_json_comes_compressed_too()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("sales@demo.local");

        var response = await GetAsync(client, "/Customers/Search?q=", "br", "same-origin");

        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.StartsWith("[{\"id\":", await DecompressedAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    [InlineData(null)]
    public async Task A_page_requested_by_another_site_or_without_fetch_metadata_comes_uncompressed(string? fetchSite)
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("sales@demo.local");

        var response = await GetAsync(client, "/Promises", "br, gzip", fetchSite);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains(Texts.English("Promises.Register.Title"), await response.Content.ReadAsStringAsync());
    }
}
