using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EngagementPortal.Core.Consultations;

namespace EngagementPortal.Core.Content;

/// <summary>
/// A consultation as a content source gives it (a package file, an Umbraco item, a back-office form),
/// before it becomes a <see cref="ConsultationVersion"/>. Dates are the authored ones, in UTC.
/// </summary>
public sealed record ConsultationContent
{
    public required string OriginKey { get; init; }

    public required string Slug { get; init; }

    public required string Title { get; init; }

    public required string Summary { get; init; }

    public required string Body { get; init; }

    public BodyFormat BodyFormat { get; init; }

    public string? HowToRespond { get; init; }

    public IReadOnlyList<string> Audience { get; init; } = [];

    public string? Publisher { get; init; }

    public string? SourceUrl { get; init; }

    public required DateTime OpensUtc { get; init; }

    public required DateTime ClosesUtc { get; init; }

    public DateTime? PartnershipDeadlineUtc { get; init; }

    public bool PartnershipDeadlineIsIllustrative { get; init; }

    public IReadOnlyList<Question> Questions { get; init; } = [];

    public IReadOnlyList<SupportingDocument> Documents { get; init; } = [];

    /// <summary>SHA-256 over the canonical JSON of everything above: equal content, equal hash.</summary>
    public string ComputeHash()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(this, Data.JsonColumn.Options);
        return Convert.ToHexStringLower(SHA256.HashData(json));
    }

    public ConsultationVersion ToVersion(int number, VersionState state, DateTime nowUtc) => new()
    {
        Number = number,
        State = state,
        Title = Title,
        Summary = Summary,
        Body = Body,
        BodyFormat = BodyFormat,
        HowToRespond = HowToRespond,
        Audience = [.. Audience],
        Publisher = Publisher,
        SourceUrl = SourceUrl,
        AuthoredOpensUtc = OpensUtc,
        AuthoredClosesUtc = ClosesUtc,
        AuthoredPartnershipDeadlineUtc = PartnershipDeadlineUtc,
        PartnershipDeadlineIsIllustrative = PartnershipDeadlineIsIllustrative,
        OpensUtc = OpensUtc,
        ClosesUtc = ClosesUtc,
        PartnershipDeadlineUtc = PartnershipDeadlineUtc,
        Questions = [.. Questions],
        Documents = [.. Documents],
        ContentHash = ComputeHash(),
        CreatedUtc = nowUtc,
        PublishedUtc = state == VersionState.Published ? nowUtc : null,
    };
}
