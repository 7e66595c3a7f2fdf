using EngagementPortal.Core.Coding;
using EngagementPortal.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Web.Pages.BackOffice.Coding;

/// <summary>Every place in a consultation where people type text, with how much of it is coded.</summary>
public sealed class IndexModel(CodingFrame frame, PortalDbContext db) : PageModel
{
    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public IReadOnlyList<CodableQuestion> Questions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var questions = await frame.QuestionsAsync(id, cancellationToken);
        if (questions is null)
        {
            return NotFound();
        }

        Id = id;
        Questions = questions;
        Title = await CodingPage.TitleAsync(db, id, cancellationToken);
        return Page();
    }
}
