using System.Net;
using EngagementPortal.TestCommon.Umbraco;
using Microsoft.Playwright;

namespace EngagementPortal.E2E.Tests.Consultations;

/// <summary>
/// The portal with a (stand-in) Umbraco as its content source: it syncs at start, and a member of the public
/// finds, reads and responds to the Umbraco consultation end to end, axe on every page. The start URL is a parameter.
/// </summary>
public sealed class ReadingAnUmbracoConsultationTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private const string Slug = DeliveryApiFixtureServer.ConsultationSlug;
    private DeliveryApiFixtureServer _umbraco = null!;
    private PortalServer _portal = null!;

    public async Task InitializeAsync()
    {
        _umbraco = await DeliveryApiFixtureServer.StartAsync();
        _portal = await PortalServer.StartAsync(new Dictionary<string, string>
        {
            ["Content:Source"] = "UmbracoDelivery",
            ["Content:Umbraco:BaseUrl"] = _umbraco.BaseUrl.ToString(),
            ["Content:Umbraco:ApiKey"] = DeliveryApiFixtureServer.ApiKey,
            ["Content:Umbraco:StartItem"] = DeliveryApiFixtureServer.StartItemPath,
            ["Content:Umbraco:WebhookSecret"] = "browser-test-webhook-secret-0123",
        });
        await WaitForFirstSyncAsync();
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _umbraco.DisposeAsync();
    }

    /// <summary>The first sync runs in the background as the portal starts.</summary>
    private async Task WaitForFirstSyncAsync()
    {
        using var http = new HttpClient { BaseAddress = _portal.BaseAddress };
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            if ((await http.GetAsync($"/consultations/{Slug}")).StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The Umbraco consultation did not appear within 30 seconds:\n{_portal.Log}");
    }

    [Theory]
    [InlineData("/", 1280)]
    [InlineData("/", 320)]
    [InlineData("/consultations/" + Slug, 1280)]
    public async Task UmbracoConsultation_IsFoundReadAndAccessible(string startUrl, int width)
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress, width);

        await page.GotoAsync(startUrl);
        if (startUrl == "/")
        {
            // Follow the card's link by its address: waiting for the URL after a click hung intermittently on the loaded CI machine.
            var href = await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Integrating care") }).GetAttributeAsync("href");
            Assert.EndsWith($"/consultations/{Slug}", href, StringComparison.Ordinal);
            await page.GotoAsync(href!);
        }

        Assert.StartsWith("Integrating care: next steps", await page.Locator("h1").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("NHS England and NHS Improvement", (await page.Locator(".nhsuk-caption-l").TextContentAsync())?.Trim());
        Assert.Equal(["Introduction", "Purpose", "Legislative proposals"], await page.Locator(".portal-body h2").AllTextContentsAsync());
        Assert.Equal("Have your say", await page.Locator(".portal-body .nhsuk-inset-text h3").TextContentAsync());
        var document = page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^NHS England and NHS Improvement Board paper") });
        Assert.StartsWith(_umbraco.BaseUrl + "media/", await document.GetAttributeAsync("href"), StringComparison.Ordinal);
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Start now" }).IsVisibleAsync());
        await page.AssertNoViolationsAsync();

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page scrolls sideways by {overflow}px at {width}px wide");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/consultations/" + Slug)]
    public async Task UmbracoConsultation_RespondedToEndToEnd_EndsWithAReference(string startUrl)
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.GotoAsync(startUrl);
        if (startUrl == "/")
        {
            await page.AssertNoViolationsAsync();
            await page.GotoAsync((await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Integrating care") }).GetAttributeAsync("href"))!);
        }

        await page.AssertNoViolationsAsync();
        await page.GotoAsync((await page.GetByRole(AriaRole.Button, new() { Name = "Start now" }).GetAttributeAsync("href"))!);
        await page.WaitForPageAsync("**/respond/about-you");
        await page.AssertNoViolationsAsync();

        await page.GetByLabel("As an individual").CheckAsync();
        await page.GetByLabel("Email address (optional)").FillAsync("resident@example.org");
        await ContinueAsync(page);

        // Umbraco's four likert questions, one a page, with the follow-up its Block List carries.
        for (var question = 1; question <= 4; question++)
        {
            await page.WaitForPageAsync($"**/respond/questions/{question}");
            await page.AssertNoViolationsAsync();
            await page.GetByLabel("Strongly agree", new() { Exact = true }).CheckAsync();
            await page.Locator("textarea").FillAsync($"Umbraco question {question}: more joined-up care");
            await ContinueAsync(page);
        }

        await page.WaitForPageAsync("**/respond/equality");
        await page.AssertNoViolationsAsync();
        await ContinueAsync(page);

        await page.WaitForPageAsync("**/respond/publishing");
        await page.AssertNoViolationsAsync();
        await page.GetByLabel("Do not publish my response").CheckAsync();
        await ContinueAsync(page);

        await page.WaitForPageAsync("**/respond/check-answers");
        await page.AssertNoViolationsAsync();
        var answers = await page.Locator("main").TextContentAsync();
        Assert.Contains("Umbraco question 4: more joined-up care", answers, StringComparison.Ordinal);
        Assert.Contains("Strongly agree", answers, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send response" }).ClickAsync();

        await page.WaitForPageAsync("**/respond/confirmation");
        await page.AssertNoViolationsAsync();
        Assert.Matches("^ICS-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$", (await page.Locator("#reference").TextContentAsync())!.Trim());
    }

    private static async Task ContinueAsync(IPage page) => await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
}
