namespace EngagementPortal.Core.Collation;

/// <summary>
/// What collation needs from the partners' side: for each formal submission (by its id, which the response row for it
/// carries in <c>PartnerSubmissionId</c>) the organisation, its governance status and key quote; and which organisations
/// were invited, for "who responded compared with who was invited".
/// </summary>
public interface IPartnerSubmissionDetails
{
    Task<PartnerCollationInputs> ReadAsync(Guid consultationId, CancellationToken cancellationToken);
}

public sealed record PartnerCollationInputs(IReadOnlyDictionary<Guid, PartnerDetails> ByPartnerSubmissionId, IReadOnlyList<InvitedOrganisation> Invited);
