using EngagementPortal.Core.Email;
using EngagementPortal.Core.Jobs;
using EngagementPortal.Core.Responses;
using EngagementPortal.Core.Tests.Jobs;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Tests.Email;

public sealed class YouSaidWeDidTests : IDisposable
{
    private const string ResultsUrl = "https://engage.example.nhs.uk/consultations/integrating-care/results";
    private readonly JobRig _rig = new();

    public void Dispose() => _rig.Dispose();

    private async Task<Guid> ConsultationAsync(string? title = null) =>
        await _rig.PublishAsync("integrating-care", JobRig.Uk(2020, 11, 26, 9), JobRig.Uk(2021, 1, 8, 23, 59), title: title);

    private async Task RespondAsync(Guid consultationId, string reference, string? email)
    {
        await using var db = _rig.Database.CreateContext();
        var versionId = await db.ConsultationVersions.Where(v => v.ConsultationId == consultationId).Select(v => v.Id).SingleAsync();
        db.Responses.Add(new Response
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultationId,
            ConsultationVersionId = versionId,
            Reference = reference,
            IdempotencyKey = Guid.NewGuid().ToString("N"),
            Email = email,
            SubmittedUtc = JobRig.Uk(2020, 12, 2, 10),
        });
        await db.SaveChangesAsync();
    }

    private async Task<YouSaidWeDidResult> EnqueueAsync(Guid consultationId, string publication = "collation-v1", string summary = "You said the timetable was too short.\n\nWe asked for more time.")
    {
        await using var db = _rig.Database.CreateContext();
        var service = new YouSaidWeDid(db, new EmailOutbox(db, _rig.Time), new SentNotices(db, _rig.Time), Options.Create(_rig.Email));
        return await service.EnqueueAsync(consultationId, publication, summary, ResultsUrl, CancellationToken.None);
    }

    [Fact]
    public async Task Enqueue_RespondentsWithEmail_OneMessageEachWithTheSummaryLinkAndReference()
    {
        var id = await ConsultationAsync();
        await RespondAsync(id, "ICS-7K3M-9QDP", "resident@example.org");
        await RespondAsync(id, "ICS-4H7N-2XWB", null);
        await RespondAsync(id, "ICS-8RT2-6YCF", "carer@example.org");

        var result = await EnqueueAsync(id);

        Assert.Equal(new YouSaidWeDidResult(YouSaidWeDidOutcome.Queued, 2), result);
        var messages = await _rig.OutboxAsync();
        Assert.Equal(["carer@example.org", "resident@example.org"], messages.Select(m => m.To).Order(StringComparer.Ordinal));
        var resident = messages.Single(m => m.To == "resident@example.org");
        Assert.Equal((YouSaidWeDid.Kind, (Guid?)id), (resident.Kind, resident.ConsultationId));
        Assert.StartsWith("You said, we did: Integrating care", resident.Subject, StringComparison.Ordinal);
        Assert.Contains("You said the timetable was too short.", resident.TextBody, StringComparison.Ordinal);
        Assert.Contains("We asked for more time.", resident.TextBody, StringComparison.Ordinal);
        Assert.Contains(ResultsUrl, resident.TextBody, StringComparison.Ordinal);
        Assert.Contains("Your reference: ICS-7K3M-9QDP", resident.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("ICS-8RT2-6YCF", resident.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{ResultsUrl}\"", resident.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueue_SameAddressRespondedTwiceInAnyCase_OneMessageWithBothReferences()
    {
        var id = await ConsultationAsync();
        await RespondAsync(id, "ICS-7K3M-9QDP", "resident@example.org");
        await RespondAsync(id, "ICS-8RT2-6YCF", "Resident@Example.org");

        Assert.Equal(1, (await EnqueueAsync(id)).Queued);

        var message = Assert.Single(await _rig.OutboxAsync());
        Assert.Contains("Your references: ICS-7K3M-9QDP, ICS-8RT2-6YCF", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueue_SamePublicationAgain_NothingQueuedTwice_ANewPublicationIsSent()
    {
        var id = await ConsultationAsync();
        await RespondAsync(id, "ICS-7K3M-9QDP", "resident@example.org");

        Assert.Equal(YouSaidWeDidOutcome.Queued, (await EnqueueAsync(id)).Outcome);
        Assert.Equal(new YouSaidWeDidResult(YouSaidWeDidOutcome.AlreadySent), await EnqueueAsync(id, summary: "A corrected summary"));
        Assert.Single(await _rig.OutboxAsync());

        Assert.Equal(YouSaidWeDidOutcome.Queued, (await EnqueueAsync(id, publication: "collation-v2")).Outcome);
        Assert.Equal(2, (await _rig.OutboxAsync()).Count);
    }

    [Fact]
    public async Task Enqueue_OtherConsultationsRespondents_NotTold()
    {
        var id = await ConsultationAsync();
        var other = await _rig.PublishAsync("another-consultation", JobRig.Uk(2020, 11, 26, 9), JobRig.Uk(2021, 1, 8, 23, 59));
        await RespondAsync(other, "ICS-7K3M-9QDP", "elsewhere@example.org");

        Assert.Equal(new YouSaidWeDidResult(YouSaidWeDidOutcome.Queued, 0), await EnqueueAsync(id));
        Assert.Empty(await _rig.OutboxAsync());
    }

    [Fact]
    public async Task Enqueue_UnknownConsultation_NotFound() =>
        Assert.Equal(YouSaidWeDidOutcome.ConsultationNotFound, (await EnqueueAsync(Guid.NewGuid())).Outcome);

    [Fact]
    public void Content_EveryXssVectorInTitleSummaryAndLink_HtmlBodyInert()
    {
        foreach (var vector in Repository.XssVectors)
        {
            var email = EmailLayout.Render(YouSaidWeDid.Content("Integrating care " + vector, ["ICS-7K3M-9QDP", vector], $"You said: {vector}\n\n- {vector}\n- more", vector), vector);

            Assert.Empty(InertHtml.Problems(email.HtmlBody));
        }
    }

    [Fact]
    public async Task Enqueue_ScriptInTitleAndSummary_EncodedInTheQueuedHtml()
    {
        var id = await ConsultationAsync(title: "Integrating care <script>alert(1)</script>");
        await RespondAsync(id, "ICS-7K3M-9QDP", "resident@example.org");

        await EnqueueAsync(id, summary: "We heard <img src=x onerror=alert(2)>");

        var html = Assert.Single(await _rig.OutboxAsync()).HtmlBody;
        Assert.Empty(InertHtml.Problems(html));
        Assert.Contains("Integrating care &lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("We heard &lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
    }
}
