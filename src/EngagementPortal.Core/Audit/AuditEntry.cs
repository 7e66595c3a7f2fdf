namespace EngagementPortal.Core.Audit;

/// <summary>One thing someone did, kept for accountability: who, what, to what, when. Never updated or deleted by the portal.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime OccurredUtc { get; set; }

    /// <summary>The signed-in user who acted, or null (a failed sign-in, the system at start-up).</summary>
    public Guid? ActorId { get; set; }

    /// <summary>The actor's email as it was then, or what was typed on a failed sign-in, or "system".</summary>
    public required string Actor { get; set; }

    /// <summary>A dotted name from <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What was acted on, in words a person can search ("officer@example.nhs.uk", "consultation integrating-care").</summary>
    public string? Subject { get; set; }

    public string? Detail { get; set; }

    public string? IpAddress { get; set; }
}

/// <summary>The actions the portal records. Other parts add theirs here so the audit page can filter on them.</summary>
public static class AuditActions
{
    public const string SignIn = "account.sign-in";
    public const string SignInFailed = "account.sign-in-failed";
    public const string LockedOut = "account.locked-out";
    public const string SignOut = "account.sign-out";
    public const string TwoFactorEnabled = "account.two-factor-enabled";
    public const string RecoveryCodesCreated = "account.recovery-codes-created";
    public const string RecoveryCodeUsed = "account.recovery-code-used";
    public const string PasswordSet = "account.password-set";
    public const string AccountCreated = "account.created";
    public const string AccountDisabled = "account.disabled";
    public const string AccountEnabled = "account.enabled";
    public const string RoleChanged = "account.role-changed";
    public const string TwoFactorReset = "account.two-factor-reset";
    public const string SetupLinkIssued = "setup.link-issued";
    public const string SetupCompleted = "setup.completed";
    public const string ConsultationDraftSaved = "consultation.draft-saved";
    public const string ConsultationPublished = "consultation.published";
    public const string ConsultationUnpublished = "consultation.unpublished";
    public const string ResponseModerated = "response.moderated";
    public const string ResponsesExported = "responses.exported";
    public const string DataRequestHandled = "data-request.handled";
    public const string ResponseRedacted = "response.redacted";
    public const string ResponseKeyedIn = "response.keyed-in";
    public const string PartnershipResponseSaved = "partnership-response.saved";
    public const string PartnershipResponseSignedOff = "partnership-response.signed-off";
    public const string PartnershipResponsePublished = "partnership-response.published";
    public const string PartnershipResponseExported = "partnership-response.exported";
    public const string CodingThemeCreated = "coding.theme-created";
    public const string CodingThemeRenamed = "coding.theme-renamed";
    public const string CodingThemesMerged = "coding.themes-merged";
    public const string AnswerCoded = "coding.answer-coded";

    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, LockedOut, SignOut, TwoFactorEnabled, RecoveryCodesCreated, RecoveryCodeUsed, PasswordSet,
        AccountCreated, AccountDisabled, AccountEnabled, RoleChanged, TwoFactorReset, SetupLinkIssued, SetupCompleted,
        ConsultationDraftSaved, ConsultationPublished, ConsultationUnpublished, ResponseModerated, ResponsesExported, DataRequestHandled,
        ResponseRedacted, ResponseKeyedIn,
        PartnershipResponseSaved, PartnershipResponseSignedOff, PartnershipResponsePublished, PartnershipResponseExported,
        CodingThemeCreated, CodingThemeRenamed, CodingThemesMerged, AnswerCoded,
    ];
}
