using System.Text.Json;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Content.Umbraco;

public enum ItemSyncOutcome
{
    Created,
    Updated,
    Unchanged,

    /// <summary>Published again after a withdrawal (its content may or may not have changed).</summary>
    Republished,

    /// <summary>The item is some other document type; webhooks may be sent for every type.</summary>
    NotAConsultation,

    /// <summary>The item does not map onto a consultation (a required property missing, a date that is not one).</summary>
    Unreadable,

    /// <summary>Another consultation already has this item's slug.</summary>
    SlugTaken,

    /// <summary>Umbraco could not give the item (see <see cref="ItemSyncResult.SourceStatus"/>).</summary>
    SourceFailed,
}

public sealed record ItemSyncResult(string Key, ItemSyncOutcome Outcome, string? Slug = null, string? Problem = null, DeliveryStatus? SourceStatus = null)
{
    public bool Succeeded => Outcome is ItemSyncOutcome.Created or ItemSyncOutcome.Updated or ItemSyncOutcome.Unchanged or ItemSyncOutcome.Republished or ItemSyncOutcome.NotAConsultation;
}

public enum UnpublishOutcome
{
    Unpublished,
    AlreadyUnpublished,

    /// <summary>The portal has no consultation from that Umbraco item (another document type, or never synced).</summary>
    NotKnown,
}

public sealed record SyncReport(SyncOutcome Outcome, IReadOnlyList<ItemSyncResult> Items, int Unpublished, string? Problem);

/// <summary>
/// Brings consultations published in Umbraco into the portal: all of them (at start and on a schedule), one (Umbraco's
/// publish webhook) or its withdrawal (the unpublish webhook). Each consultation is imported in a transaction of its
/// own, so a consultation is never seen half-synced and one unreadable item does not hold back the others. When
/// Umbraco cannot be read, nothing changes: the last synced content keeps being served and the failure is recorded in
/// <see cref="ContentSyncStatus"/> for officers.
/// </summary>
public sealed partial class UmbracoSync(
    UmbracoDeliveryClient client,
    ConsultationImport import,
    DemoWindow demo,
    PortalDbContext db,
    TimeProvider time,
    IOptions<UmbracoDeliveryOptions> options,
    ILogger<UmbracoSync> logger)
{
    // One sync at a time in this process: the schedule and a webhook may otherwise import the same item together.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Pages through every published consultation, imports each, and withdraws the ones Umbraco no longer has.</summary>
    public async Task<SyncReport> SyncAllAsync(CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var listing = await ListAllAsync(cancellationToken);
            if (!listing.IsOk)
            {
                await RecordAsync(SyncOutcome.Failed, listing.Problem, null, cancellationToken);
                LogSyncFailed(listing.Status, listing.Problem);
                return new SyncReport(SyncOutcome.Failed, [], 0, listing.Problem);
            }

            var results = new List<ItemSyncResult>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in listing.Value!)
            {
                var result = await ImportItemAsync(item, cancellationToken);
                seen.Add(result.Key);
                results.Add(result);
            }

            var unpublished = 0;
            var known = await db.Consultations.AsNoTracking()
                .Where(c => c.Origin == ContentOrigin.Umbraco && c.UnpublishedUtc == null)
                .Select(c => c.OriginKey!).ToListAsync(cancellationToken);
            foreach (var key in known.Where(k => !seen.Contains(k)))
            {
                // Missing from the listing: the index may lag, so ask for the item itself before withdrawing it.
                var confirmed = Guid.TryParse(key, out var id) ? await client.GetItemAsync(id, cancellationToken: cancellationToken) : null;
                if (confirmed is { Status: DeliveryStatus.NotFound })
                {
                    if (await WithdrawAsync(key, cancellationToken) == UnpublishOutcome.Unpublished)
                    {
                        unpublished++;
                    }
                }
                else if (confirmed is { IsOk: true })
                {
                    results.Add(await ImportItemAsync(confirmed.Value, cancellationToken));
                }
                else
                {
                    results.Add(new ItemSyncResult(key, ItemSyncOutcome.SourceFailed, null, confirmed?.Problem ?? "the key is not a GUID", confirmed?.Status));
                }
            }

            await demo.ApplyAsync(cancellationToken);
            var failed = results.Where(r => !r.Succeeded).ToList();
            var outcome = failed.Count == 0 ? SyncOutcome.Succeeded : SyncOutcome.PartlySucceeded;
            var problem = failed.Count == 0 ? null
                : $"{failed.Count} consultation(s) could not be synced and keep their last synced version: "
                  + string.Join("; ", failed.Select(f => $"{f.Slug ?? f.Key}: {f.Problem}"));
            var count = results.Count(r => r.Succeeded && r.Outcome != ItemSyncOutcome.NotAConsultation);
            await RecordAsync(outcome, problem, count, cancellationToken);
            LogSynced(outcome, count, unpublished);
            return new SyncReport(outcome, results, unpublished, problem);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Umbraco published an item: read it again from the Delivery API (a webhook body is only a hint) and import it.</summary>
    public async Task<ItemSyncResult> SyncPublishedAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var item = await client.GetItemAsync(id, cancellationToken: cancellationToken);
            if (!item.IsOk)
            {
                if (item.Status is DeliveryStatus.Unreachable or DeliveryStatus.ServerError or DeliveryStatus.Unauthorized or DeliveryStatus.StartItemNotFound or DeliveryStatus.UnexpectedResponse)
                {
                    await RecordAsync(SyncOutcome.Failed, item.Problem, null, cancellationToken);
                }

                return new ItemSyncResult(id.ToString("D"), ItemSyncOutcome.SourceFailed, null, item.Problem, item.Status);
            }

            var result = await ImportItemAsync(item.Value, cancellationToken);
            await demo.ApplyAsync(cancellationToken);
            LogItem(result.Key, result.Outcome);
            return result;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Umbraco unpublished an item: the consultation stops taking responses; its versions and responses stay.</summary>
    public async Task<UnpublishOutcome> UnpublishAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return await WithdrawAsync(id.ToString("D"), cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Maps one content item and imports it, all or nothing.</summary>
    internal async Task<ItemSyncResult> ImportItemAsync(JsonElement item, CancellationToken cancellationToken)
    {
        var key = item.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString()! : "(no id)";
        var contentType = item.TryGetProperty("contentType", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        if (!string.Equals(contentType, ConsultationItemReader.ContentType, StringComparison.Ordinal))
        {
            return new ItemSyncResult(key, ItemSyncOutcome.NotAConsultation);
        }

        ConsultationContent content;
        try
        {
            content = ConsultationItemReader.Read(item, $"Umbraco item {key}", options.Value.MediaBase);
        }
        catch (ContentProblemException ex)
        {
            LogUnreadable(key, ex.Message);
            return new ItemSyncResult(key, ItemSyncOutcome.Unreadable, null, ex.Message);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var consultation = await db.Consultations.Include(c => c.Versions)
                .SingleOrDefaultAsync(c => c.Origin == ContentOrigin.Umbraco && c.OriginKey == content.OriginKey, cancellationToken);
            var published = consultation?.Versions.SingleOrDefault(v => v.State == VersionState.Published);
            IReadOnlyList<QuestionChange> changes = [];
            if (published is not null)
            {
                // Until responses are stored, "may have answers" is "it has opened": no answer can exist before that.
                var opened = published.OpensUtc <= now;
                (var questions, changes) = QuestionRevisions.Carry(published.Questions, content.Questions, _ => opened);
                content = content with { Questions = questions };
            }

            var imported = (await import.ImportAsync(ContentOrigin.Umbraco, [content], cancellationToken)).Single();
            if (imported.Outcome == ImportOutcome.SlugTaken)
            {
                await transaction.RollbackAsync(cancellationToken);
                return new ItemSyncResult(key, ItemSyncOutcome.SlugTaken, content.Slug,
                    $"the slug '{content.Slug}' is already used by another consultation; give the item another URL name in Umbraco.");
            }

            consultation ??= await db.Consultations.SingleAsync(c => c.Origin == ContentOrigin.Umbraco && c.OriginKey == content.OriginKey, cancellationToken);
            if (imported.Outcome == ImportOutcome.Updated)
            {
                foreach (var change in changes)
                {
                    db.ContentChangeNotices.Add(new ContentChangeNotice
                    {
                        ConsultationId = consultation.Id,
                        VersionNumber = imported.VersionNumber,
                        Kind = ContentChangeNotice.KindOf(change.Kind),
                        QuestionKey = change.Key,
                        Message = change.Description,
                        CreatedUtc = now,
                    });
                }
            }

            var outcome = imported.Outcome switch
            {
                ImportOutcome.Created => ItemSyncOutcome.Created,
                ImportOutcome.Updated => ItemSyncOutcome.Updated,
                _ => ItemSyncOutcome.Unchanged,
            };
            if (consultation.UnpublishedUtc is not null)
            {
                consultation.UnpublishedUtc = null;
                db.ContentChangeNotices.Add(new ContentChangeNotice
                {
                    ConsultationId = consultation.Id,
                    VersionNumber = imported.VersionNumber,
                    Kind = ContentChangeKind.Republished,
                    Message = "Published again in Umbraco: the consultation takes responses again while it is open.",
                    CreatedUtc = now,
                });
                outcome = ItemSyncOutcome.Republished;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new ItemSyncResult(key, outcome, consultation.Slug);
        }
        catch (DbUpdateException ex)
        {
            // Nothing of this item was kept; forget what the context tracked so the next item starts clean.
            db.ChangeTracker.Clear();
            LogUnreadable(key, ex.Message);
            return new ItemSyncResult(key, ItemSyncOutcome.SourceFailed, content.Slug, "the database refused the import: " + ex.GetBaseException().Message);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<UnpublishOutcome> WithdrawAsync(string key, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.SingleOrDefaultAsync(c => c.Origin == ContentOrigin.Umbraco && c.OriginKey == key, cancellationToken);
        if (consultation is null)
        {
            return UnpublishOutcome.NotKnown;
        }

        if (consultation.UnpublishedUtc is not null)
        {
            return UnpublishOutcome.AlreadyUnpublished;
        }

        var now = time.GetUtcNow().UtcDateTime;
        consultation.UnpublishedUtc = now;
        db.ContentChangeNotices.Add(new ContentChangeNotice
        {
            ConsultationId = consultation.Id,
            Kind = ContentChangeKind.Unpublished,
            Message = "Unpublished in Umbraco: the consultation no longer takes responses. The responses it has are kept.",
            CreatedUtc = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        LogUnpublished(consultation.Slug);
        return UnpublishOutcome.Unpublished;
    }

    private async Task<DeliveryResult<List<JsonElement>>> ListAllAsync(CancellationToken cancellationToken)
    {
        var take = options.Value.PageSize;
        var items = new List<JsonElement>();
        for (var skip = 0; ; skip += take)
        {
            var page = await client.QueryConsultationsAsync(skip, take, cancellationToken);
            if (!page.IsOk)
            {
                return page.As<List<JsonElement>>();
            }

            items.AddRange(page.Value!.Items);
            if (page.Value.Items.Count == 0 || skip + take >= page.Value.Total)
            {
                return DeliveryResult<List<JsonElement>>.Ok(items);
            }
        }
    }

    private async Task RecordAsync(SyncOutcome outcome, string? problem, int? consultationCount, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var status = await db.ContentSyncStatuses.SingleOrDefaultAsync(s => s.Source == ContentSyncStatus.UmbracoSource, cancellationToken);
        if (status is null)
        {
            status = new ContentSyncStatus { Source = ContentSyncStatus.UmbracoSource };
            db.ContentSyncStatuses.Add(status);
        }

        status.LastAttemptUtc = now;
        status.LastOutcome = outcome;
        status.LastProblem = problem is { Length: > 4000 } ? problem[..4000] : problem;
        if (outcome == SyncOutcome.Failed)
        {
            status.LastFailureUtc = now;
        }
        else
        {
            status.LastSuccessUtc = now;
            if (outcome == SyncOutcome.PartlySucceeded)
            {
                status.LastFailureUtc = now;
            }
        }

        if (consultationCount is { } count)
        {
            status.ConsultationCount = count;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Umbraco sync failed ({Status}): {Problem} The last synced content keeps being served.")]
    private partial void LogSyncFailed(DeliveryStatus status, string? problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Umbraco sync {Outcome}: {Count} consultation(s), {Unpublished} withdrawn")]
    private partial void LogSynced(SyncOutcome outcome, int count, int unpublished);

    [LoggerMessage(Level = LogLevel.Information, Message = "Umbraco item {Key}: {Outcome}")]
    private partial void LogItem(string key, ItemSyncOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Umbraco item {Key} could not be imported: {Problem}")]
    private partial void LogUnreadable(string key, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consultation {Slug} was unpublished in Umbraco and takes no more responses")]
    private partial void LogUnpublished(string slug);
}
