namespace EngagementPortal.Core.Collation;

/// <summary>What collation needs about partner organisations that the responses rows do not carry: each submitted
/// organisation's details (by its PartnerSubmissionId) and every invited organisation with whether it submitted.</summary>
public interface IPartnerSubmissionDetails
{
    Task<PartnerCollationInputs> ReadAsync(Guid consultationId, CancellationToken cancellationToken);
}

public sealed record PartnerCollationInputs(IReadOnlyDictionary<Guid, PartnerDetails> ByPartnerSubmissionId, IReadOnlyList<InvitedOrganisation> Invited);
