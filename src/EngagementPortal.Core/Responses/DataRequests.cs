using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Responses;

/// <summary>Records a respondent's UK GDPR request for officers. The caller shows the same answer whether or not
/// the reference and email match, so the page cannot be used to learn who responded.</summary>
public sealed class DataRequests(PortalDbContext db, TimeProvider time)
{
    public async Task RecordAsync(DataRequestKind kind, string reference, string email, CancellationToken cancellationToken = default)
    {
        var lowered = email.ToLowerInvariant();
        var responseId = await db.Responses.AsNoTracking()
            .Where(r => r.Reference == reference && r.Email != null && r.Email.ToLower() == lowered)
            .Select(r => (Guid?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        db.DataRequests.Add(new DataRequest
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Reference = reference,
            Email = email,
            ResponseId = responseId,
            State = DataRequestState.Open,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
