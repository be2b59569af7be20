using System.Net;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>
/// Found by the security scan (wapiti put its payloads into the <c>handler</c> query parameter): a POST
/// naming a handler the page does not have rendered the page without loading it, a 500.
/// </summary>
public sealed class UnknownHandlerTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    [Theory]
    [InlineData("/Promises", "/Promises/Details/")]
    [InlineData("/Reviews", "/Reviews/Details/")]
    public async Task A_post_to_a_handler_the_page_does_not_have_answers_404(string list, string detailsPrefix)
    {
        using var sales = factory.CreateTestClient();
        await sales.SignInSuccessfullyAsync("sales@demo.local");
        var listPage = await sales.GetPageAsync(list);
        var details = listPage.QuerySelectorAll($"a[href^='{detailsPrefix}']")[0].GetAttribute("href")!;
        var page = await sales.GetPageAsync(details);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        foreach (var url in new[] { $"{details}?handler=Nope", $"{details}?handler=Submit%C2%BF%27%22%28", list })
        {
            var response = await sales.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["version"] = "1",
            }));

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {url} answered {(int)response.StatusCode}");
        }
    }
}
