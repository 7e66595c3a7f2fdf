using EngagementPortal.Core.Responses;
using EngagementPortal.Core.Tests.Jobs;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Tests.Responses;

/// <summary>Retention and clean-up over the journey's real tables.</summary>
public sealed class ResponsePersonalDataTests : IDisposable
{
    private readonly JobRig _rig = new();

    public void Dispose() => _rig.Dispose();

    private async Task SeedAsync(Guid consultationId, string reference, DateTime journeyExpires)
    {
        await using var db = _rig.Database.CreateContext();
        var versionId = await db.ConsultationVersions.Where(v => v.ConsultationId == consultationId).Select(v => v.Id).SingleAsync();
        db.Responses.Add(new Response
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultationId,
            ConsultationVersionId = versionId,
            Reference = reference,
            IdempotencyKey = reference,
            Email = "resident@example.org",
            PostcodeDistrict = "HU17",
            PublishedName = "A Resident",
            OrganisationName = "Hull Healthwatch",
            SubmittedUtc = _rig.Time.GetUtcNow().UtcDateTime,
            Answers = [new ResponseAnswer { ConsultationId = consultationId, QuestionKey = "q1", Choice = "agree", Text = "Joined-up care matters." }],
        });
        db.EqualityMonitoring.Add(new EqualityMonitoring { Id = Guid.NewGuid(), ConsultationId = consultationId, AgeBand = "45-54" });
        var journey = new ResponseJourney { Id = Guid.NewGuid(), TokenHash = Guid.NewGuid().ToString("N"), ConsultationId = consultationId, State = "{}", CreatedUtc = journeyExpires.AddDays(-30), UpdatedUtc = journeyExpires.AddDays(-30), ExpiresUtc = journeyExpires };
        db.ResponseJourneys.Add(journey);
        db.SaveAndReturnLinks.Add(new SaveAndReturnLink { Id = Guid.NewGuid(), JourneyId = journey.Id, TokenHash = Guid.NewGuid().ToString("N"), CreatedUtc = journeyExpires.AddDays(-30), ExpiresUtc = journeyExpires });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Erase_OneConsultation_PersonalDataGoesAnswersStayOtherConsultationUntouched()
    {
        var old = await _rig.PublishAsync("integrating-care", JobRig.Uk(2020, 11, 26, 9), JobRig.Uk(2021, 1, 8, 23, 59));
        var other = await _rig.PublishAsync("urgent-care", JobRig.Uk(2021, 10, 1, 9), JobRig.Uk(2021, 12, 1, 17));
        await SeedAsync(old, "ICS-AAAA-0001", JobRig.Uk(2021, 1, 8, 23, 59));
        await SeedAsync(other, "UCH-BBBB-0002", JobRig.Uk(2021, 12, 1, 17));

        await using (var db = _rig.Database.CreateContext())
        {
            Assert.Equal(4, await new ResponsePersonalData(db).EraseAsync(old, CancellationToken.None));
            Assert.Equal(0, await new ResponsePersonalData(db).EraseAsync(old, CancellationToken.None));
        }

        await using var check = _rig.Database.CreateContext();
        var erased = await check.Responses.Include(r => r.Answers).SingleAsync(r => r.ConsultationId == old);
        Assert.Equal((null, null, null), (erased.Email, erased.PostcodeDistrict, erased.PublishedName));
        Assert.Equal(("Hull Healthwatch", "ICS-AAAA-0001"), (erased.OrganisationName, erased.Reference));
        Assert.Equal("Joined-up care matters.", Assert.Single(erased.Answers).Text);
        var kept = await check.Responses.SingleAsync(r => r.ConsultationId == other);
        Assert.Equal(("resident@example.org", "HU17", "A Resident"), (kept.Email, kept.PostcodeDistrict, kept.PublishedName));
        Assert.Equal([other], await check.EqualityMonitoring.Select(e => e.ConsultationId).ToListAsync());
        Assert.Equal([other], await check.ResponseJourneys.Select(j => j.ConsultationId).ToListAsync());
        Assert.Equal(1, await check.SaveAndReturnLinks.CountAsync());
    }

    [Fact]
    public async Task RemoveExpired_JourneysAndLinksPastExpiry_RemovedOthersKept()
    {
        var consultation = await _rig.PublishAsync("integrating-care", JobRig.Uk(2020, 11, 26, 9), JobRig.Uk(2021, 1, 8, 23, 59));
        await SeedAsync(consultation, "ICS-AAAA-0001", JobRig.Uk(2020, 12, 1, 9));
        await SeedAsync(consultation, "ICS-AAAA-0002", JobRig.Uk(2021, 1, 8, 23, 59));

        await using (var db = _rig.Database.CreateContext())
        {
            Assert.Equal(2, await new ExpiredJourneys(db).RemoveExpiredAsync(JobRig.Uk(2020, 12, 2, 9), CancellationToken.None));
        }

        await using var check = _rig.Database.CreateContext();
        Assert.Equal([JobRig.Uk(2021, 1, 8, 23, 59)], await check.ResponseJourneys.Select(j => j.ExpiresUtc).ToListAsync());
        Assert.Equal(1, await check.SaveAndReturnLinks.CountAsync());
        Assert.Equal(2, await check.Responses.CountAsync());
    }
}
