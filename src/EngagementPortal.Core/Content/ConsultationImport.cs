using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Content;

public enum ImportOutcome
{
    Created,
    Updated,
    Unchanged,
    SlugTaken,
}

public sealed record ImportResult(string Slug, ImportOutcome Outcome, int VersionNumber);

/// <summary>
/// Brings content from a source (packages, Umbraco) into the portal as published versions. Idempotent:
/// content whose hash matches the published version changes nothing, so a restart imports nothing twice.
/// </summary>
public sealed class ConsultationImport(PortalDbContext db, TimeProvider time, DemoWindow demo)
{
    public async Task<IReadOnlyList<ImportResult>> ImportAsync(ContentOrigin origin, IEnumerable<ConsultationContent> items, CancellationToken cancellationToken = default)
    {
        var results = new List<ImportResult>();
        var now = time.GetUtcNow().UtcDateTime;
        var shift = await demo.CurrentShiftDaysAsync(cancellationToken);
        foreach (var content in items)
        {
            var hash = content.ComputeHash();
            var consultation = await db.Consultations.Include(c => c.Versions)
                .SingleOrDefaultAsync(c => c.Origin == origin && c.OriginKey == content.OriginKey, cancellationToken);
            if (consultation is null)
            {
                if (await db.Consultations.AnyAsync(c => c.Slug == content.Slug, cancellationToken))
                {
                    results.Add(new ImportResult(content.Slug, ImportOutcome.SlugTaken, 0));
                    continue;
                }

                consultation = new Consultation { Slug = content.Slug, Origin = origin, OriginKey = content.OriginKey, CreatedUtc = now };
                var first = content.ToVersion(1, VersionState.Published, now);
                first.ApplyDemoShift(shift);
                consultation.Versions.Add(first);
                db.Consultations.Add(consultation);
                results.Add(new ImportResult(content.Slug, ImportOutcome.Created, 1));
                continue;
            }

            var published = consultation.Versions.SingleOrDefault(v => v.State == VersionState.Published);
            // Unchanged when this exact content was imported before, even if an officer has since published an edit
            // in the back office: a restart must not undo their work. A changed package still wins (docs/adr/0064).
            if (published is not null && consultation.Versions.Any(v => v.ContentHash == hash))
            {
                results.Add(new ImportResult(consultation.Slug, ImportOutcome.Unchanged, published.Number));
                continue;
            }

            published?.State = VersionState.Superseded;
            var next = content.ToVersion(consultation.Versions.Max(v => v.Number) + 1, VersionState.Published, now);
            next.ApplyDemoShift(shift);
            consultation.Versions.Add(next);
            results.Add(new ImportResult(consultation.Slug, ImportOutcome.Updated, next.Number));
        }

        await db.SaveChangesAsync(cancellationToken);
        return results;
    }
}
