using System.Net;
using System.Security.Claims;
using AngleSharp.Html.Dom;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Partners;
using EngagementPortal.Web.Tests.Pages.BackOffice;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.Partners;

public sealed class InvitationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task OfficerInvitesOnTheStatusBoard_LinkCreatesAPartnerAccountBoundToTheOrganisation()
    {
        var organisationId = await factory.CreateOrganisationAsync("Invitation Test Trust " + Guid.NewGuid().ToString("N")[..6]);
        var consultationId = await factory.ConsultationIdAsync();
        var (officer, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var email = $"invitee-{Guid.NewGuid():N}@example.org";

        var invited = await officer.PostFormAsync($"/backoffice/partners/consultations/{consultationId}", new() { ["OrganisationId"] = organisationId.ToString(), ["Email"] = email }, $"/backoffice/partners/consultations/{consultationId}?handler=invite");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var token = await PartnerWorld.TokenFromOutboxAsync(factory, email);

        var join = await factory.CreatePortalClient().GetAsync("/partners/join?token=" + Uri.EscapeDataString(token));
        Assert.Equal(HttpStatusCode.OK, join.StatusCode);
        Assert.Contains(email, (await join.ReadHtmlAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var contributor = await factory.JoinAsync(token, "Priya Shah");

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.True(await users.IsInRoleAsync(user!, PortalRoles.Partner));
        Assert.Contains(await users.GetClaimsAsync(user!), c => c.Type == PartnerClaims.Organisation && c.Value == organisationId.ToString());
        var home = await (await contributor.Client.GetAsync("/partners")).ReadHtmlAsync();
        Assert.Contains("Integrating care", home.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        var board = await (await officer.GetAsync($"/backoffice/partners/consultations/{consultationId}")).ReadHtmlAsync();
        Assert.Contains("Not started", board.QuerySelector("#status-board")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsedInvitation_SaysSoAndCreatesNothing()
    {
        var organisationId = await factory.CreateOrganisationAsync("Reuse Test Trust " + Guid.NewGuid().ToString("N")[..6]);
        var token = await factory.InviteAsync(organisationId, $"reuse-{Guid.NewGuid():N}@example.org");
        await factory.JoinAsync(token, "First Person");

        var page = await factory.CreatePortalClient().GetAsync("/partners/join?token=" + Uri.EscapeDataString(token));

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Equal("This invitation has already been used", (await page.ReadHtmlAsync()).QuerySelector("h1")!.TextContent);
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<PartnerInvitations>().AcceptAsync(token, "Second Person", Accounts.Password, Accounts.Password);
        Assert.Equal(AcceptOutcome.AlreadyUsed, result.Outcome);
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Users.AnyAsync(u => u.DisplayName == "Second Person"));
    }

    [Fact]
    public async Task ReusedInvitationPostedFromAnOpenForm_IsRefused()
    {
        var organisationId = await factory.CreateOrganisationAsync("Race Test Trust " + Guid.NewGuid().ToString("N")[..6]);
        var token = await factory.InviteAsync(organisationId, $"race-{Guid.NewGuid():N}@example.org");
        var second = factory.CreatePortalClient();
        var html = await (await second.GetAsync("/partners/join?token=" + Uri.EscapeDataString(token))).ReadHtmlAsync();
        var antiforgery = ((IHtmlInputElement)html.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        await factory.JoinAsync(token, "Quick Person");

        var response = await second.PostAsync("/partners/join", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["Token"] = token,
            ["DisplayName"] = "Slow Person",
            ["Password"] = Accounts.Password,
            ["ConfirmPassword"] = Accounts.Password,
        }));

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("This invitation has already been used", (await response.ReadHtmlAsync()).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task ExpiredInvitation_SaysSoAndCreatesNoAccount()
    {
        using var local = new PortalFactory();
        var organisationId = await local.CreateOrganisationAsync("Expiry Test Trust");
        var email = $"late-{Guid.NewGuid():N}@example.org";
        var token = await local.InviteAsync(organisationId, email);
        local.Time.Advance(TimeSpan.FromDays(15));

        var page = await local.CreatePortalClient().GetAsync("/partners/join?token=" + Uri.EscapeDataString(token));
        var html = await page.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Equal("This invitation has expired", html.QuerySelector("h1")!.TextContent);
        Assert.Null(html.QuerySelector("input[name=Password]"));
        await using var scope = local.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<PartnerInvitations>().AcceptAsync(token, "Late Person", Accounts.Password, Accounts.Password);
        Assert.Equal(AcceptOutcome.Expired, result.Outcome);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email));
    }

    [Fact]
    public async Task UnknownToken_SaysTheLinkIsNotValid()
    {
        var page = await factory.CreatePortalClient().GetAsync("/partners/join?token=made-up");

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Equal("This invitation link is not valid", (await page.ReadHtmlAsync()).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task ShortPassword_IsRefusedAndWhatWasTypedIsKept()
    {
        var organisationId = await factory.CreateOrganisationAsync("Password Test Trust " + Guid.NewGuid().ToString("N")[..6]);
        var token = await factory.InviteAsync(organisationId, $"short-{Guid.NewGuid():N}@example.org");

        var response = await factory.CreatePortalClient().PostFormAsync("/partners/join?token=" + Uri.EscapeDataString(token), new()
        {
            ["Token"] = token,
            ["DisplayName"] = "Kept Name",
            ["Password"] = "short",
            ["ConfirmPassword"] = "short",
        });
        var html = await response.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(html.QuerySelector(".nhsuk-error-summary"));
        Assert.Equal("Kept Name", ((IHtmlInputElement)html.QuerySelector("input[name=DisplayName]")!).Value);
    }

    [Fact]
    public async Task ContributorInvitesAColleague_TheyJoinTheSameOrganisation()
    {
        var first = await factory.OrganisationWithContributorAsync("Colleague Test Trust " + Guid.NewGuid().ToString("N")[..6], "Ann Inviter");

        var colleague = await factory.ColleagueOfAsync(first, "Ben Colleague");

        Assert.Equal(first.OrganisationId, colleague.OrganisationId);
        var submission = await factory.SubmissionAsync(first.OrganisationId);
        Assert.Equal(HttpStatusCode.OK, (await colleague.Client.GetAsync($"/partners/submissions/{submission.Id}")).StatusCode);
        var page = await (await first.Client.GetAsync("/partners/colleagues")).ReadHtmlAsync();
        Assert.Contains("Ben Colleague", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContributorInvitesSomeoneOfAnotherOrganisation_SeesWhatAStrangerWouldAndNothingIsSent()
    {
        var a = await factory.OrganisationWithContributorAsync("Inference Test Trust " + Guid.NewGuid().ToString("N")[..6], "Ada Asker");
        var b = await factory.OrganisationWithContributorAsync("Inference Test Council " + Guid.NewGuid().ToString("N")[..6], "Bea Other");
        var stranger = $"stranger-{Guid.NewGuid():N}@example.org";

        var theirs = await a.Client.PostFormAsync("/partners/colleagues", new() { ["Email"] = b.Email });
        var nobody = await a.Client.PostFormAsync("/partners/colleagues", new() { ["Email"] = stranger });

        Assert.Equal(HttpStatusCode.Redirect, theirs.StatusCode);
        Assert.Equal(nobody.StatusCode, theirs.StatusCode);
        var shownForTheirs = (await (await a.Client.GetAsync(theirs.Headers.Location!.OriginalString)).ReadHtmlAsync()).QuerySelector("main")!.TextContent.Replace(b.Email, "ADDRESS", StringComparison.Ordinal);
        var shownForNobody = (await (await a.Client.GetAsync(nobody.Headers.Location!.OriginalString)).ReadHtmlAsync()).QuerySelector("main")!.TextContent.Replace(stranger, "ADDRESS", StringComparison.Ordinal);
        Assert.Equal(shownForNobody, shownForTheirs);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.False(await db.PartnerInvitations.AnyAsync(i => i.Email == b.Email && i.OrganisationId == a.OrganisationId));
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.To == b.Email && m.Kind == PartnerInvitations.InvitationKind));
        Assert.True(await db.PartnerInvitations.AnyAsync(i => i.Email == stranger && i.OrganisationId == a.OrganisationId));
        var claims = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().GetClaimsAsync((await db.Users.SingleAsync(u => u.Email == b.Email))!);
        Assert.Equal([b.OrganisationId.ToString()], claims.Where(c => c.Type == PartnerClaims.Organisation).Select(c => c.Value));
    }
}
