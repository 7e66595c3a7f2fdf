using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using EngagementPortal.Core.Data;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Playwright;

namespace EngagementPortal.E2E.Tests.BackOffice;

/// <summary>
/// Issue 7's journey: responses arrive (the operator's <c>seed-demo</c> command, as for a demonstration), an officer
/// presses "collate now" and waits for the progress bar, the draft appears over that collation, the officer writes a
/// narrative with citations, signs it off, downloads the Word file and publishes the results; every page passes axe.
/// </summary>
public sealed class PartnershipResponseTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private const string Email = "officer@example.nhs.uk";
    private const string Password = "plinth marmalade orbit";
    private const int Responses = 120;
    private PortalServer _server = null!;

    public async Task InitializeAsync() => _server = await PortalServer.StartAsync(new Dictionary<string, string>
    {
        ["Portal:Setup:AdministratorEmail"] = Email,
        ["Portal:Setup:AdministratorPassword"] = Password,

        // The officer signs in with a password alone here: the second factor has its own browser and page tests.
        ["Security:RequireTwoFactorForStaff"] = "false",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<Guid> ConsultationIdAsync()
    {
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>()
            .UseSqlite(_server.ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations"))
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options;
        await using var db = new SqlitePortalDbContext(options);
        return await db.Consultations.Where(c => c.Slug == "integrating-care").Select(c => c.Id).SingleAsync();
    }

    [Fact]
    public async Task Officer_CollatesNowWritesCitesSignsOffDownloadsWordAndPublishes()
    {
        // Responses arrive: the operator's command adds them to the running site's database.
        var seeded = await _server.RunCommandAsync("seed-demo", "--responses", Responses.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "4");
        Assert.True(seeded.Code == 0, seeded.Output);
        var id = await ConsultationIdAsync();
        var page = await browser.NewPageAsync(_server.BaseAddress);

        await page.GotoAsync("/account/sign-in");
        await page.AssertNoViolationsAsync();
        await page.GetByLabel("Email address").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForPageAsync("**/backoffice**");

        // "Collate now", then the progress bar until the page reloads with the new snapshot. A scheduled run the job
        // may have started on start-up is let finish first, so the press queues a run of its own.
        var collation = $"/backoffice/consultations/{id}/collation";
        await page.GotoAsync(collation);
        await page.Locator("#collation-progress").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 120_000 });
        await page.GotoAsync(collation);
        await page.AssertNoViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Collate now" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        if (await page.Locator("#collation-progress").CountAsync() > 0)
        {
            Assert.Contains("Collation has been queued", await page.Locator("[role=status]").TextContentAsync(), StringComparison.Ordinal);
            await page.AssertNoViolationsAsync();
            await page.Locator("#collation-progress").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 180_000 });
        }

        await page.Locator("#headline-figures").WaitForAsync();
        Assert.Contains($"over {Responses} responses", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("(collate now)", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync();

        // The draft appears over that collation's evidence; citations are taken from what the evidence offers.
        var editor = $"/backoffice/consultations/{id}/partnership-response";
        await page.GotoAsync(editor);
        Assert.Equal("Partnership response", await page.Locator("h1").TextContentAsync());
        var evidence = await page.Locator(".portal-evidence").First.TextContentAsync() ?? "";
        var theme = Regex.Match(evidence, @"Cite as (\[\[theme:[^\]]+\]\])").Groups[1].Value;
        var partner = Regex.Match(evidence, @"Cite as (\[\[partner:[^\]]+\]\])").Groups[1].Value;
        Assert.NotEqual("", theme);
        Assert.NotEqual("", partner);
        var q1 = (await page.Locator("textarea[id^='narrative-']").First.GetAttributeAsync("id"))!["narrative-".Length..];
        await page.AssertNoViolationsAsync();

        // A citation the snapshot lacks is refused, keeping the text; then a valid narrative saves with one flag.
        var narrative = page.Locator($"#narrative-{q1}");
        await narrative.FillAsync("Most respondents agreed [[tally:Q1]]; several stressed [[theme:Workforce]].");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Contains("[[theme:Workforce]] cites a theme that is not in this question's evidence", await page.Locator(".nhsuk-error-summary").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("[[theme:Workforce]]", await narrative.InputValueAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync();

        await narrative.FillAsync($"Most respondents agreed [[tally:Q1]]; several stressed {theme}, and {partner} responded formally.\n\nWe will keep councils on the board.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.Locator(".portal-flags").WaitForAsync();
        Assert.Contains("Saved as draft version 1", await page.Locator("[role=status]").TextContentAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync();

        // The version page: the preview in the published layout, then sign-off by a named officer.
        var versionHref = await page.GetByRole(AriaRole.Link, new() { Name = "Version 1", Exact = true }).GetAttributeAsync("href");
        await page.GotoAsync(versionHref!);
        Assert.Contains("Most respondents agreed [1]", await page.Locator(".portal-partnership-response").TextContentAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync();
        await page.GetByLabel("Name of the officer signing off").FillAsync("Jane Smith");
        await page.GetByLabel("Their role").FillAsync("Director of Strategy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign off version 1" }).ClickAsync();
        await page.Locator("text=is signed off and locked").WaitForAsync();
        Assert.Contains("Version 1, signed off by Jane Smith (Director of Strategy)", await page.Locator(".portal-partnership-response").TextContentAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync();

        // The Word file downloads and opens as a valid document carrying the narrative.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Word document (.docx)" }).ClickAsync());
        var path = await download.PathAsync();
        using (var word = WordprocessingDocument.Open(path!, false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(word));
            var text = word.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains("Most respondents agreed [1]; several stressed [2], and [3] responded formally.", text, StringComparison.Ordinal);
            Assert.Contains("Version 1, signed off by Jane Smith (Director of Strategy)", text, StringComparison.Ordinal);
        }

        // Publishing puts it on the public results page.
        await page.GetByLabel("You said, we did").FillAsync("You said local accountability matters; we kept councils on the partnership board.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish results" }).ClickAsync();
        await page.Locator("text=is published on the consultation's results page").WaitForAsync();
        await page.AssertNoViolationsAsync();

        var visitor = await browser.NewPageAsync(_server.BaseAddress);
        await visitor.GotoAsync("/consultations/integrating-care/results");
        Assert.Contains("You said local accountability matters", await visitor.Locator(".nhsuk-card--feature").TextContentAsync(), StringComparison.Ordinal);
        await visitor.AssertNoViolationsAsync();
    }
}
