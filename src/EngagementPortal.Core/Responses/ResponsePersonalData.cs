using EngagementPortal.Core.Data;
using EngagementPortal.Core.Jobs;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Responses;

/// <summary>
/// Retention for responses (docs/adr/0053): a consultation's respondents lose their email, postcode district and
/// published name; equality monitoring rows, journeys in progress and save-and-return links go. Answers (and so
/// tallies, themes and quotes) stay, as do organisations' names, which are not personal data.
/// </summary>
public sealed class ResponsePersonalData(PortalDbContext db) : IRespondentPersonalData
{
    public string Name => "responses";

    public async Task<int> EraseAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var changed = await db.Responses
            .Where(r => r.ConsultationId == consultationId && (r.Email != null || r.PostcodeDistrict != null || r.PublishedName != null))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Email, (string?)null)
                .SetProperty(r => r.PostcodeDistrict, (string?)null)
                .SetProperty(r => r.PublishedName, (string?)null), cancellationToken);
        changed += await db.EqualityMonitoring.Where(e => e.ConsultationId == consultationId).ExecuteDeleteAsync(cancellationToken);
        var journeys = db.ResponseJourneys.Where(j => j.ConsultationId == consultationId).Select(j => j.Id);
        changed += await db.SaveAndReturnLinks.Where(l => journeys.Contains(l.JourneyId)).ExecuteDeleteAsync(cancellationToken);
        changed += await db.ResponseJourneys.Where(j => j.ConsultationId == consultationId).ExecuteDeleteAsync(cancellationToken);
        return changed;
    }
}

/// <summary>Journeys and save-and-return links past their expiry (a journey expires when its consultation closes).</summary>
public sealed class ExpiredJourneys(PortalDbContext db) : IJourneyCleanup
{
    public string Name => "journeys and save-and-return links";

    public async Task<int> RemoveExpiredAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var expiredJourneys = db.ResponseJourneys.Where(j => j.ExpiresUtc <= nowUtc).Select(j => j.Id);
        var removed = await db.SaveAndReturnLinks.Where(l => l.ExpiresUtc <= nowUtc || expiredJourneys.Contains(l.JourneyId)).ExecuteDeleteAsync(cancellationToken);
        removed += await db.ResponseJourneys.Where(j => j.ExpiresUtc <= nowUtc).ExecuteDeleteAsync(cancellationToken);
        return removed;
    }
}
