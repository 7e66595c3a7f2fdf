using System.Globalization;
using EngagementPortal.Core.Time;
using EngagementPortal.TestCommon;
using Microsoft.Playwright;

namespace EngagementPortal.E2E.Tests.BackOffice;

/// <summary>
/// Issue 4's journey: an officer signs in (the unattended administrator, enrolling an authenticator app on first
/// sign-in), creates and publishes a consultation, a member of the public responds, and the officer watches it on the
/// dashboard, codes the free text and exports the CSV. axe runs on every back-office page visited. Links are followed by their
/// address; forms are submitted by their buttons.
/// </summary>
public sealed class RunningAConsultationTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private const string Email = "officer@example.nhs.uk";
    private const string Password = "lantern quarry velvet ninety";

    private PortalServer _server = null!;

    public async Task InitializeAsync() => _server = await PortalServer.StartAsync(new Dictionary<string, string>
    {
        ["Portal:Setup:AdministratorEmail"] = Email,
        ["Portal:Setup:AdministratorPassword"] = Password,
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OfficerPublishes_PublicResponds_OfficerSeesAndCodesIt()
    {
        var officer = await browser.NewPageAsync(_server.BaseAddress);
        await SignInAsync(officer);

        // Create a draft, open from today for a month (UK time, as typed).
        var today = UkTime.ToUk(DateTime.UtcNow);
        var closes = today.AddDays(30);
        var slug = "travel-" + Guid.NewGuid().ToString("N")[..6];
        await officer.GotoAsync("/backoffice/consultations/new");
        await officer.AssertNoViolationsAsync();
        await officer.GetByLabel("Title").FillAsync("Getting to hospital appointments");
        await officer.GetByLabel("Web address").FillAsync(slug);
        await officer.GetByLabel("Summary").FillAsync("How people travel to hospital, and what would help.");
        await officer.GetByLabel("Body", new() { Exact = true }).FillAsync("## What we propose\n\nMore community transport.");
        await officer.GetByLabel("Who it is for").FillAsync("Members of the public");
        await FillDateAsync(officer, "form-opens", today);
        await FillDateAsync(officer, "form-closes", closes);
        await SubmitAsync(officer, "Save draft and add questions", "**/questions");
        await officer.AssertNoViolationsAsync();
        var id = officer.Url.Split('/')[^2];

        await AddQuestionAsync(officer, "Do you agree with more community transport?", "type-agreedisagree", "Please explain your answer");
        await AddQuestionAsync(officer, "What would make getting to appointments easier?", "type-freetext", null);
        Assert.Equal(2, await officer.Locator(".portal-question-list > li").CountAsync());

        await officer.GotoAsync($"/backoffice/consultations/{id}");
        await officer.AssertNoViolationsAsync();
        await SubmitAsync(officer, "Publish", $"**/backoffice/consultations/{id}");
        Assert.Contains("The public can see it now.", await officer.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        await officer.AssertNoViolationsAsync();

        // A member of the public responds.
        var reference = await RespondAsync(await browser.NewPageAsync(_server.BaseAddress), slug);

        // The officer sees it on the dashboard.
        await officer.GotoAsync($"/backoffice/consultations/{id}/dashboard");
        await officer.AssertNoViolationsAsync();
        Assert.Equal("1", (await officer.Locator("#counted").TextContentAsync())!.Trim());
        Assert.Equal(4, await officer.Locator("svg.portal-chart[role=img]").CountAsync());

        // And codes the free text: a theme first, then the answer.
        await officer.GotoAsync($"/backoffice/consultations/{id}/coding");
        await officer.AssertNoViolationsAsync();
        var themes = await officer.Locator("main a", new() { HasTextString = "Themes" }).Last.GetAttributeAsync("href");
        await officer.GotoAsync(themes!);
        await officer.AssertNoViolationsAsync();
        await officer.GetByLabel("Name", new() { Exact = true }).FillAsync("Community transport");
        await officer.GetByLabel("Description (optional)").FillAsync("Buses, volunteer drivers, patient transport");
        await SubmitAsync(officer, "Add theme", "**/coding/**");
        await officer.AssertNoViolationsAsync();

        await officer.GotoAsync(officer.Url.Split('?')[0] + "/answers");
        await officer.AssertNoViolationsAsync();
        Assert.Contains(reference, await officer.Locator("main h2").First.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("A bus from my village <b>twice</b> a day", await officer.Locator("#answer-text").TextContentAsync());

        // The single-key shortcuts the page's script adds: 1 ticks the first theme, S saves and moves on.
        await officer.Keyboard.PressAsync("1");
        Assert.True(await officer.GetByLabel("1. Community transport").IsCheckedAsync());
        await NavigateAsync(officer, () => officer.Keyboard.PressAsync("s"), "**/answers?answer=*");
        await officer.AssertNoViolationsAsync();
        Assert.Equal("100% coded (1 of 1 answer)", (await officer.Locator(".portal-progress__label").TextContentAsync())!.Trim());
        Assert.True(await officer.GetByLabel("1. Community transport").IsCheckedAsync());

        // And exports every response: the downloaded CSV parses back with the reference, the answers and the theme.
        await officer.GotoAsync($"/backoffice/consultations/{id}/responses");
        await officer.AssertNoViolationsAsync();
        var download = await officer.RunAndWaitForDownloadAsync(
            () => officer.Locator("a[download]", new() { HasTextString = "Export every response" }).ClickAsync(),
            new() { Timeout = 60_000 });
        Assert.StartsWith($"responses-{slug}-", download.SuggestedFilename, StringComparison.Ordinal);
        var row = Assert.Single(await ReadCsvAsync(await download.PathAsync()));
        Assert.Equal(reference, row["Reference"]);
        Assert.Equal("Online", row["Channel"]);
        Assert.Equal("Agree", row["Q1 Do you agree with more community transport?"]);
        Assert.Equal("A bus from my village <b>twice</b> a day", row["Q2 What would make getting to appointments easier?"]);
        Assert.Equal("Community transport", row["Q2 What would make getting to appointments easier? (themes)"]);
    }

    /// <summary>The CSV as rows keyed by header, read with CsvHelper as a spreadsheet would read it.</summary>
    private static async Task<List<Dictionary<string, string>>> ReadCsvAsync(string path) =>
        await CsvRows.ReadAsync(await File.ReadAllTextAsync(path));

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/account/sign-in");
        await page.AssertNoViolationsAsync();
        await page.GetByLabel("Email address").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await SubmitAsync(page, "Sign in", "**/*");

        // Staff need a second factor: enrol an authenticator app as a person would, typing the key shown.
        await page.GotoAsync("/account/two-factor");
        await page.AssertNoViolationsAsync();
        var key = (await page.Locator("#shared-key").TextContentAsync())!.Trim();
        await page.GetByLabel("6-digit code").FillAsync(Totp.Now(key));
        await SubmitAsync(page, "Continue", "**/account/recovery-codes");
        await page.AssertNoViolationsAsync();
        await page.GotoAsync("/backoffice");
        await page.AssertNoViolationsAsync();
        Assert.Equal("Consultations", await page.Locator("h1").TextContentAsync());
    }

    private static async Task FillDateAsync(IPage page, string id, DateTime uk)
    {
        await page.Locator("#" + id).FillAsync(uk.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"#{id}-month").FillAsync(uk.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"#{id}-year").FillAsync(uk.Year.ToString(CultureInfo.InvariantCulture));
    }

    private static async Task AddQuestionAsync(IPage page, string text, string typeId, string? followUp)
    {
        await page.GetByLabel("Question", new() { Exact = true }).FillAsync(text);
        await page.Locator("#" + typeId).CheckAsync();
        if (followUp is not null)
        {
            await page.GetByLabel("Follow-up question (optional)").FillAsync(followUp);
        }

        await SubmitAsync(page, "Add question", "**/questions");
        await page.AssertNoViolationsAsync();
    }

    private static async Task<string> RespondAsync(IPage page, string slug)
    {
        await page.GotoAsync($"/consultations/{slug}/respond/about-you");
        await page.GetByLabel("As an individual").CheckAsync();
        await SubmitAsync(page, "Continue", "**/respond/questions/1");
        await page.GetByLabel("Agree", new() { Exact = true }).CheckAsync();
        await SubmitAsync(page, "Continue", "**/respond/questions/2");
        await page.Locator("main textarea").First.FillAsync("A bus from my village <b>twice</b> a day");
        await SubmitAsync(page, "Continue", "**/respond/equality");
        await SubmitAsync(page, "Continue", "**/respond/publishing");
        await page.GetByLabel("Publish my response anonymously").CheckAsync();
        await SubmitAsync(page, "Continue", "**/respond/check-answers");
        await SubmitAsync(page, "Send response", "**/respond/confirmation");
        return (await page.Locator("#reference").TextContentAsync())!.Trim();
    }

    /// <summary>Clicks the button and waits for the navigation the form post causes. Several posts redirect back to the
    /// same address (add a question, add a theme), where waiting for the URL returns before the new page arrives; the
    /// navigation wait is marked obsolete in favour of that URL wait, so it is used here knowingly.</summary>
    private static Task SubmitAsync(IPage page, string button, string url) =>
        NavigateAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync(), url);

    private static async Task NavigateAsync(IPage page, Func<Task> action, string url) =>
#pragma warning disable CS0612
        await page.RunAndWaitForNavigationAsync(action, new() { UrlString = url, WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
#pragma warning restore CS0612
}
