using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Collation;

/// <summary>
/// Stand-in until the partners' workspace registers its own <see cref="IPartnerSubmissionDetails"/> (registered with
/// TryAdd, so theirs wins): the organisation name from the partner submission's response row, governance status
/// "Not recorded", and nobody invited. Delete this class when the partners implementation lands.
/// </summary>
public sealed class InterimPartnerSubmissionDetails(PortalDbContext db) : IPartnerSubmissionDetails
{
    public const string NotRecorded = "Not recorded";

    public async Task<PartnerCollationInputs> ReadAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var rows = await db.Responses.AsNoTracking()
            .Where(r => r.ConsultationId == consultationId && r.RespondentType == Responses.RespondentType.PartnerOrganisation && r.PartnerSubmissionId != null)
            .Select(r => new { SubmissionId = r.PartnerSubmissionId!.Value, r.OrganisationName })
            .ToListAsync(cancellationToken);
        var details = rows.ToDictionary(r => r.SubmissionId, r => new PartnerDetails(string.IsNullOrWhiteSpace(r.OrganisationName) ? "Unnamed organisation" : r.OrganisationName.Trim(), NotRecorded));
        return new PartnerCollationInputs(details, []);
    }
}
