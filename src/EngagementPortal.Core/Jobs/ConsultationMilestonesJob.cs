using System.Globalization;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Jobs;

/// <summary>
/// Tells officers once when a published consultation opens, closes or reaches its partnership deadline. Open and
/// closed are computed per request elsewhere; this only announces the moment. The key includes the instant, so a
/// consultation whose closing date moves is announced again at its new close.
/// </summary>
public sealed class ConsultationMilestonesJob(PortalDbContext db, OfficerNotices notices, SentNotices sent, IOptions<JobsOptions> options, TimeProvider time) : IPortalJob
{
    public async Task<JobOutcome> RunAsync(IJobProgress progress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var since = now - options.Value.MilestoneLookback;
        var versions = await db.ConsultationVersions.AsNoTracking().Include(v => v.Consultation)
            .Where(v => v.State == VersionState.Published
                && ((v.OpensUtc > since && v.OpensUtc <= now)
                    || (v.ClosesUtc > since && v.ClosesUtc <= now)
                    || (v.PartnershipDeadlineUtc > since && v.PartnershipDeadlineUtc <= now)))
            .ToListAsync(cancellationToken);

        var announced = 0;
        foreach (var version in versions)
        {
            foreach (var (milestone, at) in Milestones(version))
            {
                if (at <= since || at > now)
                {
                    continue;
                }

                var key = string.Create(CultureInfo.InvariantCulture, $"milestone:{version.ConsultationId}:{milestone}:{at:O}");
                if (await sent.HasAsync(key, cancellationToken))
                {
                    continue;
                }

                var recipients = await notices.MilestoneAsync(version.Title, version.Consultation.Slug, milestone, at, cancellationToken);
                sent.Record(key, recipients);
                if (await sent.CommitAsync(cancellationToken))
                {
                    announced++;
                }
            }
        }

        return new JobOutcome($"Announced {announced} milestone(s).");
    }

    private static IEnumerable<(ConsultationMilestone Milestone, DateTime At)> Milestones(ConsultationVersion version)
    {
        yield return (ConsultationMilestone.Opened, version.OpensUtc);
        yield return (ConsultationMilestone.Closed, version.ClosesUtc);
        if (version.PartnershipDeadlineUtc is { } deadline)
        {
            yield return (ConsultationMilestone.PartnershipDeadlineReached, deadline);
        }
    }
}
