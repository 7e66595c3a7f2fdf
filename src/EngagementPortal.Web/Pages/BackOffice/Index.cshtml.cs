using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Web.Pages.BackOffice;

/// <summary>The back office's start: every consultation with its newest version's state.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string Slug, string Title, ContentOrigin Origin, VersionState? Published, bool HasDraft, DateTime? ClosesUtc);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var consultations = await db.Consultations.AsNoTracking()
            .Select(c => new
            {
                c.Id,
                c.Slug,
                c.Origin,
                Versions = c.Versions.Where(v => v.State != VersionState.Superseded).Select(v => new { v.State, v.Title, v.ClosesUtc, v.Number }).ToList(),
            })
            .ToListAsync(cancellationToken);
        Rows = [.. consultations.Select(c =>
        {
            var newest = c.Versions.OrderByDescending(v => v.Number).FirstOrDefault();
            var published = c.Versions.FirstOrDefault(v => v.State == VersionState.Published);
            return new Row(c.Id, c.Slug, newest?.Title ?? c.Slug, c.Origin, published?.State, c.Versions.Any(v => v.State == VersionState.Draft), (published ?? newest)?.ClosesUtc);
        }).OrderByDescending(r => r.ClosesUtc)];
    }
}
