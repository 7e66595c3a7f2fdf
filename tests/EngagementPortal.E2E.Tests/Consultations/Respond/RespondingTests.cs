using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EngagementPortal.E2E.Tests.Consultations.Respond;

/// <summary>A member of the public responds to the Integrating care consultation (open in the demonstration):
/// axe on every page, at 1280 and 320 px, without JavaScript, by keyboard alone, and with save-and-return.</summary>
public sealed partial class RespondingTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private PortalServer _server = null!;

    // The development outbox log prints queued emails; the save-and-return test reads its link from there.
    public async Task InitializeAsync() => _server = await PortalServer.StartAsync(new Dictionary<string, string>
    {
        ["Logging:LogLevel:EngagementPortal.Web.Infrastructure.DevelopmentOutboxLog"] = "Information",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(1280, true)]
    [InlineData(320, true)]
    [InlineData(1280, false)]
    public async Task WholeJourney_EveryPageAccessible_EndsWithAReference(int width, bool javaScript)
    {
        var page = await browser.NewPageAsync(_server.BaseAddress, width, javaScript);
        await page.GotoAsync("/consultations/integrating-care");

        // The layout's one inline script marks the body; without JavaScript it must not have run.
        Assert.Equal(javaScript, (await page.Locator("body").GetAttributeAsync("class") ?? "").Contains("js-enabled", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Start now" }).ClickAsync();
        await page.WaitForPageAsync("**/respond/about-you");
        await CheckAsync(page, width, javaScript);

        // A mistake first: the error summary and the field message, both accessible.
        await ContinueAsync(page);
        Assert.Contains("There is a problem", await page.Locator(".nhsuk-error-summary").TextContentAsync(), StringComparison.Ordinal);
        await CheckAsync(page, width, javaScript);

        await page.GetByLabel("On behalf of an organisation").CheckAsync();
        await page.GetByLabel("Name of the organisation").FillAsync("Healthwatch East Riding of Yorkshire");
        await page.GetByLabel("Your role in the organisation").FillAsync("Engagement lead");
        await page.GetByLabel("First part of your postcode (optional)").FillAsync("HU17");
        await page.GetByLabel("Email address (optional)").FillAsync("lead@example.org");
        await ContinueAsync(page);

        for (var question = 1; question <= 4; question++)
        {
            await page.WaitForPageAsync($"**/respond/questions/{question}");
            await CheckAsync(page, width, javaScript);
            await page.GetByLabel("Agree", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Please explain your answer (optional)").FillAsync($"Reason {question}: <b>joined-up</b> care");
            await ContinueAsync(page);
        }

        await page.WaitForPageAsync("**/respond/equality");
        await CheckAsync(page, width, javaScript);
        await page.GetByLabel("35 to 44").CheckAsync();
        await ContinueAsync(page);

        await page.WaitForPageAsync("**/respond/publishing");
        await CheckAsync(page, width, javaScript);
        await page.GetByLabel("Publish my response anonymously").CheckAsync();
        await ContinueAsync(page);

        await page.WaitForPageAsync("**/respond/check-answers");
        await CheckAsync(page, width, javaScript);
        Assert.Contains("Reason 3: <b>joined-up</b> care", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send response" }).ClickAsync();

        await page.WaitForPageAsync("**/respond/confirmation");
        await CheckAsync(page, width, javaScript);
        Assert.Matches(Reference(), (await page.Locator("#reference").TextContentAsync())!.Trim());
    }

    [Fact]
    public async Task WholeJourney_ByKeyboardAlone_Submits()
    {
        var page = await browser.NewPageAsync(_server.BaseAddress);
        await page.GotoAsync("/consultations/integrating-care");
        await TabToAsync(page, "a.nhsuk-button");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForPageAsync("**/respond/about-you");

        await TabToAsync(page, "#RespondentType");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "button[type=submit]");
        await page.Keyboard.PressAsync("Enter");

        for (var question = 1; question <= 4; question++)
        {
            await page.WaitForPageAsync($"**/respond/questions/{question}");
            await TabToAsync(page, "input[type=radio]");
            await page.Keyboard.PressAsync("Space");
            await TabToAsync(page, "textarea");
            await page.Keyboard.TypeAsync("Typed without a mouse");
            await TabToAsync(page, "button[type=submit]:not([name])");
            await page.Keyboard.PressAsync("Enter");
        }

        foreach (var step in new[] { "equality", "publishing" })
        {
            await page.WaitForPageAsync($"**/respond/{step}");
            if (step == "publishing")
            {
                // A radio group is one tab stop; the arrow keys choose within it.
                await TabToAsync(page, "input[name=Publishing]");
                await page.Keyboard.PressAsync("ArrowDown");
                Assert.True(await page.Locator("#Publishing-1").IsCheckedAsync());
            }

            await TabToAsync(page, "button[type=submit]");
            await page.Keyboard.PressAsync("Enter");
        }

        await page.WaitForPageAsync("**/respond/check-answers");
        await TabToAsync(page, "button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForPageAsync("**/respond/confirmation");
        Assert.Matches(Reference(), (await page.Locator("#reference").TextContentAsync())!.Trim());
    }

    [Fact]
    public async Task SaveAndComeBackLater_OnAnotherDevice_ResumesWithEveryAnswer()
    {
        var phone = await browser.NewPageAsync(_server.BaseAddress, 320);
        await phone.GotoAsync("/consultations/integrating-care/respond");
        await phone.GetByLabel("As an individual").CheckAsync();
        await phone.GetByLabel("Email address (optional)").FillAsync("later@example.com");
        await ContinueAsync(phone);
        await phone.WaitForPageAsync("**/respond/questions/1");
        await phone.GetByLabel("Disagree", new() { Exact = true }).CheckAsync();
        await phone.GetByLabel("Please explain your answer (optional)").FillAsync("Started on the bus");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Save and come back later" }).ClickAsync();
        await phone.WaitForPageAsync("**/respond/save");
        await CheckAsync(phone, 320);
        Assert.Equal("later@example.com", await phone.GetByLabel("Email address").InputValueAsync());
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        Assert.Equal("Check your email", await phone.Locator("h1").TextContentAsync());

        var link = await WaitForLinkAsync();
        var laptop = await browser.NewPageAsync(_server.BaseAddress);
        await laptop.GotoAsync(link);
        await CheckAsync(laptop, 1280);
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await laptop.WaitForPageAsync("**/respond/questions/2");
        await laptop.GotoAsync("/consultations/integrating-care/respond/questions/1");
        Assert.True(await laptop.GetByLabel("Disagree", new() { Exact = true }).IsCheckedAsync());
        Assert.Equal("Started on the bus", await laptop.GetByLabel("Please explain your answer (optional)").InputValueAsync());
        await laptop.GotoAsync("/consultations/integrating-care/respond/about-you");
        Assert.Equal("later@example.com", await laptop.GetByLabel("Email address (optional)").InputValueAsync());
    }

    private async Task<string> WaitForLinkAsync()
    {
        for (var i = 0; i < 40; i++)
        {
            if (ResumeLink().Match(_server.Log) is { Success: true } match)
            {
                return match.Value;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("No save-and-return link in the log:\n" + _server.Log);
    }

    private static async Task ContinueAsync(IPage page) => await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();

    /// <summary>axe, and nothing wider than the screen (WCAG 1.4.10). Both need a script in the page, which a page
    /// without JavaScript cannot run: there, the page as the person sees it (its HTML, which no script has touched) is
    /// checked in a second page that runs scripts, at the same address so its styles load.</summary>
    private async Task CheckAsync(IPage page, int width, bool javaScript = true)
    {
        if (javaScript)
        {
            await CheckWithScriptsAsync(page, width);
            return;
        }

        var html = await page.ContentAsync();
        var checker = await browser.NewPageAsync(_server.BaseAddress, width);
        try
        {
            await checker.GotoAsync(page.Url);
            await checker.SetContentAsync(html);
            await CheckWithScriptsAsync(checker, width);
        }
        finally
        {
            await checker.Context.CloseAsync();
        }
    }

    private static async Task CheckWithScriptsAsync(IPage page, int width)
    {
        await page.AssertNoViolationsAsync();

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} scrolls sideways by {overflow}px at {width}px wide");
    }

    /// <summary>Presses Tab until the focused element matches <paramref name="selector"/>, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Tab never reached {selector} on {page.Url}");
    }

    [GeneratedRegex("^ICS-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$")]
    private static partial Regex Reference();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/consultations/integrating-care/respond/resume/[A-Za-z0-9_-]+")]
    private static partial Regex ResumeLink();
}
