using System.Net;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Admin;

public sealed class AccountsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Get_ListsAccountsWithRoles()
    {
        var (client, admin) = await factory.SignInAsAsync(PortalRoles.Administrator);

        var html = await (await client.GetAsync("/backoffice/admin/accounts")).ReadHtmlAsync();

        var row = html.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(admin.Email, StringComparison.Ordinal));
        Assert.Contains("Administrator", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("authenticator set up", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_Empty_ShowsEveryError()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Administrator);

        var response = await client.PostFormAsync("/backoffice/admin/accounts", new() { ["Email"] = "not an email", ["DisplayName"] = "" }, action: "/backoffice/admin/accounts?handler=Invite");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await response.ReadHtmlAsync()).QuerySelectorAll(".nhsuk-error-summary a").Select(a => a.TextContent).ToList();
        Assert.Equal(["Enter the person's name", "Enter an email address in the correct format, like name@example.nhs.uk", "Select a role"], errors);
    }

    [Fact]
    public async Task Invite_Valid_QueuesAnEmail_AndTheLinkSetsAPasswordOnce()
    {
        var (client, admin) = await factory.SignInAsAsync(PortalRoles.Administrator);
        var email = $"new-officer-{Guid.NewGuid():N}@example.nhs.uk";

        var response = await client.PostFormAsync("/backoffice/admin/accounts", new() { ["Email"] = email, ["DisplayName"] = "Sam Patel", ["Role"] = PortalRoles.Officer }, action: "/backoffice/admin/accounts?handler=Invite");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await (await client.GetAsync("/backoffice/admin/accounts")).ReadHtmlAsync();
        var link = page.QuerySelector("[role=status] code")!.TextContent;
        Assert.Contains(page.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains(email, StringComparison.Ordinal) && r.TextContent.Contains("Officer", StringComparison.Ordinal));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var message = await db.OutboxMessages.SingleAsync(m => m.To == email);
            Assert.Contains(link, message.TextBody, StringComparison.Ordinal);
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AccountCreated && e.Subject == email && e.ActorId == admin.Id));
        }

        var path = new Uri(link).PathAndQuery;
        var invited = factory.CreatePortalClient();
        var set = await invited.PostFormAsync(path, new() { ["Password"] = "copper kettle meadow", ["ConfirmPassword"] = "copper kettle meadow" });
        Assert.Equal("/account/sign-in?reason=set-up", set.Headers.Location!.OriginalString);
        var signIn = await invited.PostFormAsync("/account/sign-in", new() { ["Email"] = email, ["Password"] = "copper kettle meadow" });
        Assert.Equal("/backoffice", signIn.Headers.Location!.OriginalString);
        Assert.Equal("/account/two-factor", (await invited.GetAsync("/backoffice")).Headers.Location!.OriginalString);

        var reused = await factory.CreatePortalClient().PostFormAsync(path, new() { ["Password"] = "another long phrase", ["ConfirmPassword"] = "another long phrase" });
        Assert.Equal(HttpStatusCode.NotFound, reused.StatusCode);
    }

    [Fact]
    public async Task Disable_EndsTheirSessionAtOnce_AndTheyCannotSignIn()
    {
        var (adminClient, _) = await factory.SignInAsAsync(PortalRoles.Administrator);
        var (officerClient, officer) = await factory.SignInAsAsync(PortalRoles.Officer);
        Assert.Equal(HttpStatusCode.OK, (await officerClient.GetAsync("/backoffice")).StatusCode);

        var disabled = await adminClient.PostFormAsync("/backoffice/admin/accounts", [], action: $"/backoffice/admin/accounts?handler=Disable&id={officer.Id}");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        // The stamp is checked whenever any time has passed since the cookie was issued; the test clock stands still otherwise.
        factory.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Redirect, (await officerClient.GetAsync("/backoffice")).StatusCode);
        var again = await factory.CreatePortalClient().PostFormAsync("/account/sign-in", new() { ["Email"] = officer.Email, ["Password"] = officer.Password });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Disabled", (await (await adminClient.GetAsync("/backoffice/admin/accounts")).ReadHtmlAsync()).QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(officer.Email, StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);

        var enabled = await adminClient.PostFormAsync("/backoffice/admin/accounts", [], action: $"/backoffice/admin/accounts?handler=Enable&id={officer.Id}");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        var back = factory.CreatePortalClient();
        await back.SignInAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/backoffice")).StatusCode);
    }

    [Fact]
    public async Task DisableYourself_IsRefused()
    {
        var (client, admin) = await factory.SignInAsAsync(PortalRoles.Administrator);

        var response = await client.PostFormAsync("/backoffice/admin/accounts", [], action: $"/backoffice/admin/accounts?handler=Disable&id={admin.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("You cannot disable your own account.", (await response.ReadHtmlAsync()).QuerySelector(".nhsuk-error-summary a")!.TextContent);
    }

    [Fact]
    public async Task ResetAuthenticator_SendsThemBackToEnrolment()
    {
        var (adminClient, _) = await factory.SignInAsAsync(PortalRoles.Administrator);
        var (officerClient, officer) = await factory.SignInAsAsync(PortalRoles.Officer);

        await adminClient.PostFormAsync("/backoffice/admin/accounts", [], action: $"/backoffice/admin/accounts?handler=ResetTwoFactor&id={officer.Id}");
        factory.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Redirect, (await officerClient.GetAsync("/backoffice")).StatusCode);
        var fresh = factory.CreatePortalClient();
        await fresh.PostFormAsync("/account/sign-in", new() { ["Email"] = officer.Email, ["Password"] = officer.Password });
        Assert.Equal("/account/two-factor", (await fresh.GetAsync("/backoffice")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Officer_CannotPostToAdministratorHandlers()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var target = await factory.CreateAccountAsync(PortalRoles.Officer);
        var token = (await (await client.GetAsync("/backoffice")).ReadHtmlAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync($"/backoffice/admin/accounts?handler=Disable&id={target.Id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
