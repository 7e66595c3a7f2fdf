using System.Net;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Jobs;
using EngagementPortal.Core.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.Partners;

/// <summary>The officers' side: the status board, reminders' recipients, collation's partner details, places and
/// the sample data.</summary>
public sealed class BoardTests : IDisposable
{
    private readonly PortalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>X drafting with two contributors, Y invited with none (its register contact), Z submitted.</summary>
    private async Task<(Contributor X1, Contributor X2, Guid Y, string YContact, Contributor Z)> ThreeOrganisationsAsync()
    {
        var x1 = await _factory.OrganisationWithContributorAsync("Hull City Council", "Xan One");
        var x2 = await _factory.ColleagueOfAsync(x1, "Xia Two");
        var xId = (await _factory.SubmissionAsync(x1.OrganisationId)).Id;
        await x1.Client.PostDraftAsync(xId, await x1.Client.DraftFormAsync(xId), new() { ["OverallPosition"] = "Drafting still." });

        var y = await _factory.CreateOrganisationAsync("Healthwatch North Lincolnshire", OrganisationType.Healthwatch);
        string yContact;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            yContact = (await scope.ServiceProvider.GetRequiredService<PartnerRegister>().FindAsync(y))!.ContactEmail!;
            var invited = await scope.ServiceProvider.GetRequiredService<PartnerInvitations>().InviteOrganisationAsync(await _factory.ConsultationIdAsync(), y, null, PartnerWorld.Officer, "http://localhost");
            Assert.Equal(InviteOutcome.Invited, invited.Outcome);
        }

        var z = await _factory.OrganisationWithContributorAsync("Vale of York CCG", "Zed Done");
        var zId = (await _factory.SubmissionAsync(z.OrganisationId)).Id;
        await z.Client.PostDraftAsync(zId, await z.Client.DraftFormAsync(zId), await _factory.AnswersAsync("We agree with a statutory footing.\n\nFurther detail follows."));
        Assert.Equal(HttpStatusCode.Redirect, (await z.Client.PostFormAsync($"/partners/submissions/{zId}/sign-off", PartnerWorld.SignOff())).StatusCode);
        return (x1, x2, y, yContact, z);
    }

    [Fact]
    public async Task ReminderRecipients_AreTheContributorsOfOrganisationsNotSubmittedOrTheirContact()
    {
        var (x1, x2, _, yContact, z) = await ThreeOrganisationsAsync();
        await using var scope = _factory.Services.CreateAsyncScope();
        var recipients = scope.ServiceProvider.GetRequiredService<IPartnerReminderRecipients>();

        var outstanding = await recipients.OutstandingAsync(await _factory.ConsultationIdAsync(), CancellationToken.None);

        Assert.IsType<PartnerReminderRecipients>(recipients);
        Assert.Equal(new[] { x1.Email, x2.Email, yContact }.Order(StringComparer.Ordinal), outstanding.Select(r => r.Email).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(outstanding, r => r.Email == z.Email);
        Assert.Equal(outstanding.Count, outstanding.Select(r => r.OrganisationKey).Distinct().Count());
        Assert.Contains(outstanding, r => r.OrganisationName == "Healthwatch North Lincolnshire" && r.Email == yContact);
    }

    [Fact]
    public async Task ReminderJob_WithThePartnersRecipients_RemindsEachOutstandingPersonOnce()
    {
        var (x1, x2, _, yContact, z) = await ThreeOrganisationsAsync();
        var deadline = (await _factory.VersionAsync()).PartnershipDeadlineUtc!.Value;
        _factory.Time.SetUtcNow(new DateTimeOffset(PartnerRemindersJob.Schedule(deadline)[0].AtUtc.AddMinutes(5), TimeSpan.Zero));

        await using var scope = _factory.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<PartnerRemindersJob>().RunAsync(NoProgress.Instance, CancellationToken.None);
        var again = await scope.ServiceProvider.GetRequiredService<PartnerRemindersJob>().RunAsync(NoProgress.Instance, CancellationToken.None);

        Assert.Equal("Sent 3 reminder(s).", outcome.Summary);
        Assert.Equal("Sent 0 reminder(s).", again.Summary);
        var sent = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages.Where(m => m.Kind == "partner-reminder").Select(m => m.To).ToListAsync();
        Assert.Equal(new[] { x1.Email, x2.Email, yContact }.Order(StringComparer.Ordinal), sent.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(z.Email, sent);
    }

    [Fact]
    public async Task StatusBoard_ShowsEveryInvitedOrganisationsStateAndRemindNowEmailsTheOutstanding()
    {
        var (x1, _, _, yContact, _) = await ThreeOrganisationsAsync();
        var consultationId = await _factory.ConsultationIdAsync();
        var (officer, _) = await _factory.SignInAsAsync(PortalRoles.Officer);

        var html = await (await officer.GetAsync($"/backoffice/partners/consultations/{consultationId}")).ReadHtmlAsync();
        var rows = html.QuerySelectorAll("#status-board tbody tr").Select(r => r.TextContent).ToList();
        var reminded = await officer.PostFormAsync($"/backoffice/partners/consultations/{consultationId}", [], $"/backoffice/partners/consultations/{consultationId}?handler=remind");

        Assert.Contains(rows, r => r.Contains("Hull City Council", StringComparison.Ordinal) && r.Contains("Drafting", StringComparison.Ordinal) && r.Contains("Last activity", StringComparison.Ordinal) && r.Contains("Xan One", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Healthwatch North Lincolnshire", StringComparison.Ordinal) && r.Contains("Not started", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Vale of York CCG", StringComparison.Ordinal) && r.Contains("Submitted", StringComparison.Ordinal) && r.Contains("Zed Done", StringComparison.Ordinal)
            && r.Contains("Dr A Example, Chair of the Health and Wellbeing Board", StringComparison.Ordinal) && r.Contains("Approved by the board on 17 December 2020", StringComparison.Ordinal));
        Assert.Contains("days to go", html.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, reminded.StatusCode);
        Assert.Equal($"/backoffice/partners/consultations/{consultationId}?done=reminded-3", reminded.Headers.Location!.OriginalString);
        await using var scope = _factory.Services.CreateAsyncScope();
        var to = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages.Where(m => m.Kind == PartnerStatusBoard.ReminderKind).Select(m => m.To).ToListAsync();
        Assert.Contains(x1.Email, to);
        Assert.Contains(yContact, to);
    }

    [Fact]
    public async Task CollationDetails_GiveEachSubmittedOrganisationAndEveryInvitedOne()
    {
        var (_, _, _, _, z) = await ThreeOrganisationsAsync();
        var zSubmission = await _factory.SubmissionAsync(z.OrganisationId);
        await using var scope = _factory.Services.CreateAsyncScope();
        var details = scope.ServiceProvider.GetRequiredService<IPartnerSubmissionDetails>();

        var inputs = await details.ReadAsync(await _factory.ConsultationIdAsync(), CancellationToken.None);

        Assert.IsType<PartnerSubmissionDetails>(details);
        var partner = Assert.Single(inputs.ByPartnerSubmissionId);
        Assert.Equal(zSubmission.Id, partner.Key);
        Assert.Equal(new PartnerDetails("Vale of York CCG", "Approved by the board on 17 December 2020", "We agree with a statutory footing."), partner.Value);
        Assert.Equal(
            [new InvitedOrganisation("Healthwatch North Lincolnshire", false, null), new InvitedOrganisation("Hull City Council", false, null), new InvitedOrganisation("Vale of York CCG", true, "Approved by the board on 17 December 2020")],
            inputs.Invited);
        var response = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Responses.SingleAsync(r => r.PartnerSubmissionId != null);
        Assert.Equal(zSubmission.Id, response.PartnerSubmissionId);
    }

    [Fact]
    public async Task Places_AreListsOfPostcodeDistrictsAndABadDistrictIsNamed()
    {
        var (officer, _) = await _factory.SignInAsAsync(PortalRoles.Officer);

        var bad = await officer.PostFormAsync("/backoffice/partners/places", new() { ["PlaceName"] = "Scunthorpe", ["Districts"] = "dn15, DN16 not-a-district" });
        var good = await officer.PostFormAsync("/backoffice/partners/places", new() { ["PlaceName"] = "Scunthorpe", ["Districts"] = "dn15, DN16\nDN17 dn15" });

        Assert.Contains("not-a-district", (await bad.ReadHtmlAsync()).QuerySelector(".nhsuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        await using var scope = _factory.Services.CreateAsyncScope();
        var place = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Places.SingleAsync(p => p.Name == "Scunthorpe");
        Assert.Equal(["DN15", "DN16", "DN17"], place.PostcodeDistricts);
    }

    [Fact]
    public async Task SampleData_LoadsTheSeedsOrganisationsAndIsRemovedInOneAction()
    {
        var kept = await _factory.CreateOrganisationAsync("A real organisation");
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            Assert.Equal(PartnerSampleData.OrganisationCount, await scope.ServiceProvider.GetRequiredService<PartnerSampleData>().EnsureLoadedAsync());
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PartnerSampleData>().EnsureLoadedAsync());
        }

        var (officer, _) = await _factory.SignInAsAsync(PortalRoles.Officer);
        var register = await (await officer.GetAsync("/backoffice/partners")).ReadHtmlAsync();
        Assert.Contains("North Lincolnshire Health and Wellbeing Board", register.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Torbay Local Care Partnership", register.QuerySelector("table")!.TextContent, StringComparison.Ordinal);

        var removed = await officer.PostFormAsync("/backoffice/partners", [], "/backoffice/partners?handler=removesample");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        await using var after = _factory.Services.CreateAsyncScope();
        var db = after.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.False(await db.PartnerOrganisations.AnyAsync(o => o.IsSample));
        Assert.False(await db.Places.AnyAsync(p => p.IsSample));
        Assert.True(await db.PartnerOrganisations.AnyAsync(o => o.Id == kept));
    }

    [Fact]
    public async Task RemovingTheSample_RemovesItsContributorsAccountsAndUnusedInvitationsAuditedAndKeepsRealOnes()
    {
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PartnerSampleData>().EnsureLoadedAsync();
        }

        Guid sampleId;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            sampleId = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().PartnerOrganisations.Where(o => o.Name == "Torbay Local Care Partnership").Select(o => o.Id).SingleAsync();
        }

        // A sample contributor signed in, a colleague they invited who has not joined, and a real organisation's contributor.
        var sample = await _factory.JoinAsync(await _factory.InviteAsync(sampleId, $"torbay-{Guid.NewGuid():N}@example.org"), "Sam Sample");
        var unusedEmail = $"unused-{Guid.NewGuid():N}@example.org";
        Assert.Equal(HttpStatusCode.Redirect, (await sample.Client.PostFormAsync("/partners/colleagues", new() { ["Email"] = unusedEmail })).StatusCode);
        var unusedToken = await PartnerWorld.TokenFromOutboxAsync(_factory, unusedEmail);
        var real = await _factory.OrganisationWithContributorAsync("A real council", "Rae Real");
        Assert.Equal(HttpStatusCode.OK, (await sample.Client.GetAsync("/partners")).StatusCode);

        var (officer, officerAccount) = await _factory.SignInAsAsync(PortalRoles.Officer);
        var removed = await officer.PostFormAsync("/backoffice/partners", [], "/backoffice/partners?handler=removesample");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var page = await (await officer.GetAsync(removed.Headers.Location!.OriginalString)).ReadHtmlAsync();
        Assert.Contains($"{PartnerSampleData.OrganisationCount} organisation(s), their 1 contributor account(s) and 1 unused invitation(s)", page.QuerySelector(".nhsuk-inset-text")!.TextContent, StringComparison.Ordinal);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            Assert.False(await db.Users.AnyAsync(u => u.Email == sample.Email));
            Assert.False(await db.UserClaims.AnyAsync(c => c.ClaimType == PartnerClaims.Organisation && c.ClaimValue == sampleId.ToString()));
            Assert.False(await db.PartnerInvitations.AnyAsync(i => i.OrganisationId == sampleId));
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.To == unusedEmail && m.State == Core.Email.OutboxState.Pending));
            Assert.True(await db.Users.AnyAsync(u => u.Email == real.Email));
            var audit = await db.AuditEntries.Where(e => e.Action == PartnerAudit.ContributorRemoved).ToListAsync();
            var entry = Assert.Single(audit);
            Assert.Equal(sample.Email, entry.Subject);
            Assert.Equal(officerAccount.Email, entry.Actor);
            Assert.Contains("1 contributor account(s)", (await db.AuditEntries.SingleAsync(e => e.Action == PartnerAudit.SampleRemoved)).Detail, StringComparison.Ordinal);
        }

        // The removed person's session ends on their next request (the stamp is checked whenever any time has passed),
        // the unused link opens nothing, and a real contributor carries on.
        _factory.Time.Advance(TimeSpan.FromSeconds(1));
        var after = await sample.Client.GetAsync("/partners");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/sign-in", after.Headers.Location!.AbsolutePath, StringComparer.OrdinalIgnoreCase);
        var join = await _factory.CreatePortalClient().GetAsync("/partners/join?token=" + Uri.EscapeDataString(unusedToken));
        Assert.Equal(HttpStatusCode.Gone, join.StatusCode);
        Assert.DoesNotContain("Torbay", await join.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await real.Client.GetAsync("/partners")).StatusCode);
    }
}
