using System.Globalization;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.PartnershipResponses;

/// <summary>A successful collation run officers can write over.</summary>
public sealed record SnapshotChoice(Guid RunId, CollationTrigger Trigger, DateTime StartedUtc, DateTime? FinishedUtc, int ResponsesCounted, string? ContentHash);

/// <summary>What the editor shows: the consultation's title, its versions (newest first) and its snapshots (newest first).</summary>
public sealed record PartnershipWorkspace(Consultation Consultation, string Title, IReadOnlyList<PartnershipResponseVersion> Versions, IReadOnlyList<SnapshotChoice> Snapshots)
{
    public PartnershipResponseVersion? Latest => Versions.Count == 0 ? null : Versions[0];
}

public enum PartnershipOutcome
{
    Done,
    NotFound,
    Invalid,
}

/// <summary>The result of a change: the version it touched, the problems that stopped it (field, message), and warnings that did not.</summary>
public sealed record PartnershipResult(PartnershipOutcome Outcome, PartnershipResponseVersion? Version = null, IReadOnlyList<FieldProblem>? Problems = null, IReadOnlyList<string>? Warnings = null)
{
    public IReadOnlyList<FieldProblem> ProblemList => Problems ?? [];

    public IReadOnlyList<string> WarningList => Warnings ?? [];

    public static PartnershipResult Invalid(params FieldProblem[] problems) => new(PartnershipOutcome.Invalid, Problems: problems);
}

/// <summary>A version with the snapshot it cites, drawn as a document.</summary>
public sealed record PartnershipVersionView(PartnershipResponseVersion Version, CollationSnapshot Snapshot, PartnershipDocument Document);

/// <summary>
/// The partnership response officers own: drafts over a chosen snapshot, sign-off by a named officer that locks a
/// version, a new draft when a signed-off version is edited, and publication on the results page. Every change is
/// audited in the same unit of work.
/// </summary>
public sealed class PartnershipResponseDrafting(PortalDbContext db, AuditLog audit, TimeProvider time, YouSaidWeDid? respondents = null)
{
    public const int MaxNarrativeLength = 20_000;
    public const int MaxNameLength = 200;
    public const int MaxSummaryLength = 10_000;

    public static string NarrativeField(string questionKey) => "narrative-" + questionKey;

    public async Task<PartnershipWorkspace?> LoadAsync(Guid consultationId, CancellationToken cancellationToken = default)
    {
        var consultation = await db.Consultations.Include(c => c.Versions).AsNoTracking().SingleOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation is null)
        {
            return null;
        }

        var versions = await db.PartnershipResponseVersions.AsNoTracking().Where(v => v.ConsultationId == consultationId).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        var snapshots = await db.CollationRuns.AsNoTracking()
            .Where(r => r.ConsultationId == consultationId && r.Status == CollationRunStatus.Succeeded && r.SnapshotJson != null)
            .OrderByDescending(r => r.StartedUtc)
            .Select(r => new SnapshotChoice(r.Id, r.Trigger, r.StartedUtc, r.FinishedUtc, r.ResponsesCounted, r.ContentHash))
            .ToListAsync(cancellationToken);
        return new PartnershipWorkspace(consultation, ConsultationAuthoring.Current(consultation).Title, versions, snapshots);
    }

    /// <summary>The snapshot of a successful run of this consultation, or null.</summary>
    public async Task<CollationSnapshot?> SnapshotAsync(Guid consultationId, Guid runId, CancellationToken cancellationToken = default)
    {
        var json = await db.CollationRuns.AsNoTracking()
            .Where(r => r.Id == runId && r.ConsultationId == consultationId && r.Status == CollationRunStatus.Succeeded)
            .Select(r => r.SnapshotJson)
            .SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : SnapshotJson.Deserialize(json);
    }

    /// <summary>Checks every question's narrative against the snapshot: errors per textarea, and the uncited-paragraph warnings.</summary>
    public static (List<FieldProblem> Problems, List<string> Warnings) Check(IReadOnlyDictionary<string, string> narratives, CollationSnapshot snapshot)
    {
        var problems = new List<FieldProblem>();
        var warnings = new List<string>();
        foreach (var question in snapshot.Content.Questions)
        {
            var text = narratives.GetValueOrDefault(question.Key) ?? "";
            if (text.Length > MaxNarrativeLength)
            {
                problems.Add(new(NarrativeField(question.Key), $"Question {question.Number}: the narrative must be {MaxNarrativeLength.ToString("N0", CultureInfo.InvariantCulture)} characters or fewer"));
                continue;
            }

            var check = Citations.Check(text, question, snapshot.Content);
            problems.AddRange(check.Errors.Select(e => new FieldProblem(NarrativeField(question.Key), e)));
            warnings.AddRange(check.Warnings);
        }

        return (problems, warnings);
    }

    /// <summary>
    /// Saves the narratives over the chosen snapshot: into the current draft, or into a new draft version when there is
    /// none or the latest is signed off (a signed-off version is never changed). A citation the snapshot lacks stops the save.
    /// </summary>
    public async Task<PartnershipResult> SaveDraftAsync(Guid consultationId, Guid? runId, IReadOnlyDictionary<string, string> narratives, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!await db.Consultations.AnyAsync(c => c.Id == consultationId, cancellationToken))
        {
            return new(PartnershipOutcome.NotFound);
        }

        var run = runId is { } id ? await db.CollationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.ConsultationId == consultationId && r.Status == CollationRunStatus.Succeeded && r.SnapshotJson != null, cancellationToken) : null;
        if (run is null)
        {
            return PartnershipResult.Invalid(new FieldProblem("Run", "Choose the collation snapshot the narrative is written over"));
        }

        var snapshot = SnapshotJson.Deserialize(run.SnapshotJson!);
        var (problems, warnings) = Check(narratives, snapshot);
        if (problems.Count > 0)
        {
            return new(PartnershipOutcome.Invalid, Problems: problems, Warnings: warnings);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var latest = await db.PartnershipResponseVersions.Where(v => v.ConsultationId == consultationId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);
        var version = latest;
        if (version is null || version.IsLocked)
        {
            version = new PartnershipResponseVersion
            {
                Id = Guid.NewGuid(),
                ConsultationId = consultationId,
                Number = (latest?.Number ?? 0) + 1,
                State = PartnershipResponseState.Draft,
                CreatedUtc = now,
                SnapshotHash = "",
                UpdatedBy = actor.Email,
            };
            db.PartnershipResponseVersions.Add(version);
        }

        version.CollationRunId = run.Id;
        version.SnapshotHash = snapshot.ContentHash;
        version.Narratives = snapshot.Content.Questions.Select(q => new QuestionNarrative(q.Key, (narratives.GetValueOrDefault(q.Key) ?? "").Trim())).ToList();
        version.UpdatedUtc = now;
        version.UpdatedBy = actor.Email;
        audit.Record(AuditActions.PartnershipResponseSaved, actor.Id, actor.Email, Subject(consultationId, version.Number), $"Draft over snapshot {snapshot.ContentHash[..12]}; {warnings.Count} uncited paragraphs");
        await db.SaveChangesAsync(cancellationToken);
        return new(PartnershipOutcome.Done, version, Warnings: warnings);
    }

    /// <summary>Sign-off by a named officer: locks the draft, recording who, their role, when, and (already on the version) which snapshot.</summary>
    public async Task<PartnershipResult> SignOffAsync(Guid consultationId, int number, string? signedOffBy, string? role, Actor actor, CancellationToken cancellationToken = default)
    {
        var version = await db.PartnershipResponseVersions.SingleOrDefaultAsync(v => v.ConsultationId == consultationId && v.Number == number, cancellationToken);
        if (version is null)
        {
            return new(PartnershipOutcome.NotFound);
        }

        var problems = new List<FieldProblem>();
        if (version.IsLocked)
        {
            problems.Add(new("", $"Version {number} was signed off already. Edit the response to start a new draft."));
        }

        if (string.IsNullOrWhiteSpace(signedOffBy))
        {
            problems.Add(new("SignedOffBy", "Enter the name of the officer signing off the response"));
        }
        else if (signedOffBy.Trim().Length > MaxNameLength)
        {
            problems.Add(new("SignedOffBy", $"The name must be {MaxNameLength} characters or fewer"));
        }

        if (string.IsNullOrWhiteSpace(role))
        {
            problems.Add(new("SignedOffRole", "Enter the role of the officer signing off the response"));
        }
        else if (role.Trim().Length > MaxNameLength)
        {
            problems.Add(new("SignedOffRole", $"The role must be {MaxNameLength} characters or fewer"));
        }

        if (problems.Count == 0 && await SnapshotAsync(consultationId, version.CollationRunId, cancellationToken) is { } snapshot)
        {
            problems.AddRange(Check(version.Narratives.ToDictionary(n => n.QuestionKey, n => n.Markdown), snapshot).Problems);
        }

        if (problems.Count > 0)
        {
            return new(PartnershipOutcome.Invalid, version, problems);
        }

        version.State = PartnershipResponseState.SignedOff;
        version.SignedOffUtc = time.GetUtcNow().UtcDateTime;
        version.SignedOffBy = signedOffBy!.Trim();
        version.SignedOffRole = role!.Trim();
        version.SignedOffAccount = actor.Email;
        audit.Record(AuditActions.PartnershipResponseSignedOff, actor.Id, actor.Email, Subject(consultationId, number), $"Signed off by {version.SignedOffBy}, {version.SignedOffRole}, over snapshot {version.SnapshotHash}");
        await db.SaveChangesAsync(cancellationToken);
        return new(PartnershipOutcome.Done, version);
    }

    /// <summary>Publishes a signed-off version on the consultation's results page with the officers' "you said, we did" summary.</summary>
    /// <summary>The consultation's address segment, for links to its results page.</summary>
    public Task<string?> SlugOfAsync(Guid consultationId, CancellationToken cancellationToken = default) =>
        db.Consultations.AsNoTracking().Where(c => c.Id == consultationId).Select(c => c.Slug).SingleOrDefaultAsync(cancellationToken);

    /// <param name="resultsUrl">The results page's absolute address: respondents who gave an email are told of it once
    /// (<see cref="YouSaidWeDid"/>, keyed by this version, so a retry never tells them twice).</param>
    public async Task<PartnershipResult> PublishAsync(Guid consultationId, int number, string? youSaidWeDid, Actor actor, CancellationToken cancellationToken = default, string? resultsUrl = null)
    {
        var version = await db.PartnershipResponseVersions.SingleOrDefaultAsync(v => v.ConsultationId == consultationId && v.Number == number, cancellationToken);
        if (version is null)
        {
            return new(PartnershipOutcome.NotFound);
        }

        var problems = new List<FieldProblem>();
        if (!version.IsLocked)
        {
            problems.Add(new("", "Only a signed-off version can be published. Sign it off first."));
        }
        else if (version.PublishedUtc is not null)
        {
            problems.Add(new("", $"Version {number} is published already."));
        }

        if (string.IsNullOrWhiteSpace(youSaidWeDid))
        {
            problems.Add(new("YouSaidWeDid", "Enter the \u201Cyou said, we did\u201D summary for the results page"));
        }
        else if (youSaidWeDid.Length > MaxSummaryLength)
        {
            problems.Add(new("YouSaidWeDid", $"The summary must be {MaxSummaryLength.ToString("N0", CultureInfo.InvariantCulture)} characters or fewer"));
        }

        if (problems.Count > 0)
        {
            return new(PartnershipOutcome.Invalid, version, problems);
        }

        version.PublishedUtc = time.GetUtcNow().UtcDateTime;
        version.PublishedBy = actor.Email;
        version.YouSaidWeDid = youSaidWeDid!.Trim();
        audit.Record(AuditActions.PartnershipResponsePublished, actor.Id, actor.Email, Subject(consultationId, number), "Published on the results page");
        await db.SaveChangesAsync(cancellationToken);
        if (respondents is not null && resultsUrl is not null)
        {
            await respondents.EnqueueAsync(consultationId, $"partnership-response-{version.Id:N}", version.YouSaidWeDid, resultsUrl, cancellationToken);
        }

        return new(PartnershipOutcome.Done, version);
    }

    /// <summary>One version drawn over its snapshot, for the preview and the exports.</summary>
    public async Task<PartnershipVersionView?> ViewAsync(Guid consultationId, int number, CancellationToken cancellationToken = default)
    {
        var workspace = await LoadAsync(consultationId, cancellationToken);
        var version = workspace?.Versions.FirstOrDefault(v => v.Number == number);
        if (workspace is null || version is null || await SnapshotAsync(consultationId, version.CollationRunId, cancellationToken) is not { } snapshot)
        {
            return null;
        }

        return new PartnershipVersionView(version, snapshot, PartnershipDocument.Build(workspace.Title, version, snapshot));
    }

    /// <summary>The version published most recently for a consultation the public can see, or null (the results page is then a 404).</summary>
    public async Task<PartnershipVersionView?> PublishedAsync(string slug, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var consultation = await db.Consultations.Include(c => c.Versions).AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        var published = consultation is null ? null : ConsultationAuthoring.Published(consultation);
        if (consultation is null || published is null || !published.IsPublicAt(now))
        {
            return null;
        }

        var version = await db.PartnershipResponseVersions.AsNoTracking()
            .Where(v => v.ConsultationId == consultation.Id && v.PublishedUtc != null && v.State == PartnershipResponseState.SignedOff)
            .OrderByDescending(v => v.PublishedUtc)
            .FirstOrDefaultAsync(cancellationToken);
        if (version is null || await SnapshotAsync(consultation.Id, version.CollationRunId, cancellationToken) is not { } snapshot)
        {
            return null;
        }

        return new PartnershipVersionView(version, snapshot, PartnershipDocument.Build(published.Title, version, snapshot));
    }

    /// <summary>
    /// For a signed-off version: how many more responses the newest successful collation counted than the snapshot it
    /// was signed off over, when such a run finished after the sign-off; null when there is none.
    /// </summary>
    public async Task<int?> ResponsesSinceSignOffAsync(PartnershipResponseVersion version, CancellationToken cancellationToken = default)
    {
        if (version.SignedOffUtc is not { } signedOff)
        {
            return null;
        }

        var cited = await db.CollationRuns.AsNoTracking().Where(r => r.Id == version.CollationRunId).Select(r => new { r.ResponsesCounted, r.StartedUtc }).SingleOrDefaultAsync(cancellationToken);
        var newer = await db.CollationRuns.AsNoTracking()
            .Where(r => r.ConsultationId == version.ConsultationId && r.Status == CollationRunStatus.Succeeded && r.Id != version.CollationRunId && r.FinishedUtc > signedOff)
            .OrderByDescending(r => r.StartedUtc)
            .Select(r => new { r.ResponsesCounted, r.StartedUtc })
            .FirstOrDefaultAsync(cancellationToken);
        if (cited is null || newer is null || newer.StartedUtc < cited.StartedUtc)
        {
            return null;
        }

        return Math.Max(0, newer.ResponsesCounted - cited.ResponsesCounted);
    }

    /// <summary>Records an export in the audit log (what, which version, which format).</summary>
    public async Task RecordExportAsync(Guid consultationId, int number, string format, Actor actor, CancellationToken cancellationToken = default) =>
        await audit.RecordNowAsync(AuditActions.PartnershipResponseExported, actor.Id, actor.Email, Subject(consultationId, number), "Exported as " + format, cancellationToken: cancellationToken);

    private static string Subject(Guid consultationId, int number) => $"partnership response {consultationId} version {number.ToString(CultureInfo.InvariantCulture)}";
}
