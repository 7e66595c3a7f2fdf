using Microsoft.Playwright;

namespace EngagementPortal.E2E.Tests.Consultations;

/// <summary>A member of the public finds the consultation and reads it, on a desktop and on a small phone.</summary>
public sealed class ReadingAConsultationTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private PortalServer _server = null!;

    public async Task InitializeAsync() => _server = await PortalServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task HomeToConsultation_IsAccessibleAndOpenInTheDemonstration(int width)
    {
        var page = await browser.NewPageAsync(_server.BaseAddress, width);

        await page.GotoAsync("/");
        Assert.Equal("Have your say on health and care in your area", await page.Locator("h1").TextContentAsync());
        await page.AssertNoViolationsAsync();

        // Follow the card's link by its address: waiting for the URL after a click hung intermittently on the loaded CI machine.
        var href = await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Integrating care") }).GetAttributeAsync("href");
        Assert.Equal("/consultations/integrating-care", href);
        await page.GotoAsync(href!);
        Assert.StartsWith("Integrating care", await page.Locator("h1").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("Demonstration", await page.Locator(".portal-demo-banner").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Start now" }).IsVisibleAsync());
        await page.AssertNoViolationsAsync();

        // Nothing is wider than the screen at 320 px (WCAG 1.4.10 reflow).
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page scrolls sideways by {overflow}px at {width}px wide");
    }

    [Fact]
    public async Task HelpPages_AreAccessible()
    {
        var page = await browser.NewPageAsync(_server.BaseAddress);
        foreach (var path in new[] { "/accessibility", "/privacy", "/cookies", "/other-formats", "/no-such-page" })
        {
            await page.GotoAsync(path);
            await page.AssertNoViolationsAsync();
        }
    }

    [Fact]
    public async Task NhsFrontendScript_RunsUnderTheContentSecurityPolicy()
    {
        var page = await browser.NewPageAsync(_server.BaseAddress);
        var cspErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal) && !message.Text.Contains("font", StringComparison.OrdinalIgnoreCase))
            {
                cspErrors.Add(message.Text);
            }
        };

        await page.GotoAsync("/consultations/integrating-care");
        await page.WaitForFunctionAsync("() => document.body.classList.contains('js-enabled')");
        Assert.Empty(cspErrors);
    }
}
