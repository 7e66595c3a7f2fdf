using System.Text.RegularExpressions;
using EngagementPortal.TestCommon;
using Microsoft.Playwright;

namespace EngagementPortal.E2E.Tests.Partners;

/// <summary>An officer invites an organisation; two of its people draft; one signs off and submits; the receipt
/// arrives by SMTP (maildev); the officer sees it on the status board. axe on every partner page on the way.</summary>
public sealed partial class PartnerSubmissionTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private const string OfficerEmail = "officer@example.nhs.uk";
    private const string Password = "plinth marmalade orbit";

    private readonly MaildevServer _mail = new();
    private PortalServer _server = null!;

    public async Task InitializeAsync()
    {
        await _mail.StartAsync();
        _server = await PortalServer.StartAsync(new Dictionary<string, string>
        {
            ["Portal:Setup:AdministratorEmail"] = OfficerEmail,
            ["Portal:Setup:AdministratorPassword"] = Password,
            ["Security:RequireTwoFactorForStaff"] = "false",
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = _mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs:Enabled"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _mail.DisposeAsync();
    }

    [Fact]
    public async Task OfficerInvites_TwoContributorsDraft_OneSubmits_ReceiptArrives_BoardShowsIt()
    {
        var first = $"carol-{Guid.NewGuid():N}@example.org";
        var second = $"dev-{Guid.NewGuid():N}@example.org";

        // The officer invites North Lincolnshire's Health and Wellbeing Board (sample data in Development).
        var officer = await browser.NewPageAsync(_server.BaseAddress);
        await SignInAsync(officer, OfficerEmail);
        await officer.GotoAsync("/backoffice/partners");
        await officer.AssertNoViolationsAsync();
        var boardUrl = await officer.Locator("a[href^='/backoffice/partners/consultations/']").First.GetAttributeAsync("href");
        await officer.GotoAsync(boardUrl!);
        await officer.AssertNoViolationsAsync();
        await officer.GetByLabel("Organisation", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "North Lincolnshire Health and Wellbeing Board" });
        await officer.GetByLabel("Email address of the person to invite").FillAsync(first);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await officer.WaitForPageAsync("**done=invited");

        // The first contributor joins from the email, and invites a colleague who joins too.
        var carol = await JoinAsync(first, "Carol First", "Invitation to respond");
        await carol.GotoAsync("/partners/colleagues");
        await carol.AssertNoViolationsAsync();
        await carol.GetByLabel("Your colleague's email address").FillAsync(second);
        await carol.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await carol.WaitForPageAsync("**invited=*");
        var dev = await JoinAsync(second, "Dev Second", "Invitation to respond");

        // Both draft.
        await carol.GotoAsync("/partners");
        var submissionUrl = await carol.Locator("a[href^='/partners/submissions/']").First.GetAttributeAsync("href");
        await carol.GotoAsync(submissionUrl!);
        await carol.AssertNoViolationsAsync();
        await carol.GetByLabel("Your organisation's overall position").FillAsync("The Board supports a statutory footing for integrated care systems.");
        await carol.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await carol.WaitForPageAsync("**saved=true");
        await carol.AssertNoViolationsAsync();

        await dev.GotoAsync(submissionUrl!);
        Assert.Contains("Last edited by Carol First", await dev.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        await dev.GotoAsync(submissionUrl + "/letter");
        await dev.AssertNoViolationsAsync();
        await dev.GotoAsync(submissionUrl!);
        await dev.GetByLabel("Evidence", new() { Exact = true }).FillAsync("Minutes of the Health and Wellbeing Board, 17 December 2020.");
        await dev.GetByRole(AriaRole.Button, new() { Name = "Save and go to sign-off" }).ClickAsync();
        await dev.WaitForPageAsync("**/sign-off");
        await dev.AssertNoViolationsAsync();

        // A missing signatory first, then the sign-off.
        await dev.GetByRole(AriaRole.Button, new() { Name = "Submit the response" }).ClickAsync();
        await dev.Locator(".nhsuk-error-summary").WaitForAsync();
        await dev.AssertNoViolationsAsync();
        await dev.GetByLabel("Name of the person signing it off").FillAsync("Cllr Rob Waltham");
        await dev.GetByLabel("Their role").FillAsync("Chair of the Health and Wellbeing Board");
        await dev.GetByLabel("Approved under delegated authority").CheckAsync();
        await dev.GetByRole(AriaRole.Button, new() { Name = "Submit the response" }).ClickAsync();
        await dev.Locator(".nhsuk-panel").WaitForAsync();
        await dev.AssertNoViolationsAsync();
        var reference = Reference().Match((await dev.Locator(".nhsuk-panel").TextContentAsync())!).Value;
        Assert.NotEmpty(reference);
        await dev.GotoAsync("/partners");
        await dev.AssertNoViolationsAsync();

        // The receipt reaches both contributors with the whole submission.
        foreach (var to in new[] { first, second })
        {
            var (subject, text) = await _mail.WaitForAsync(to, "Submitted");
            Assert.Contains(reference, subject, StringComparison.Ordinal);
            Assert.Contains("The Board supports a statutory footing", text, StringComparison.Ordinal);
            Assert.Contains("Cllr Rob Waltham", text, StringComparison.Ordinal);
        }

        // The officer sees it on the status board.
        await officer.GotoAsync(boardUrl!);
        var row = officer.Locator("#status-board tr", new() { HasText = "North Lincolnshire Health and Wellbeing Board" });
        Assert.Contains("Submitted", await row.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("Cllr Rob Waltham", await row.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(reference, await row.TextContentAsync(), StringComparison.Ordinal);
        await officer.AssertNoViolationsAsync();
    }

    private async Task<IPage> JoinAsync(string email, string name, string subject)
    {
        var (_, text) = await _mail.WaitForAsync(email, subject);
        var link = JoinLink().Match(text).Value;
        var page = await browser.NewPageAsync(_server.BaseAddress);
        await page.GotoAsync(link);
        await page.AssertNoViolationsAsync();
        await page.GetByLabel("Your full name").FillAsync(name);
        await page.GetByLabel("Choose a password").FillAsync(Password);
        await page.GetByLabel("Type the password again").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForPageAsync("**/partners");
        await page.AssertNoViolationsAsync();
        return page;
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForPageAsync("**/backoffice");
    }

    [GeneratedRegex(@"https?://\S+/partners/join\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex JoinLink();

    [GeneratedRegex("ICS-[2-9A-Z]{4}-[2-9A-Z]{4}")]
    private static partial Regex Reference();
}
