using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Coding;
using EngagementPortal.Core.Data;
using EngagementPortal.Web.Pages.BackOffice.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Coding;

/// <summary>
/// Codes one answer at a time: its text, a checkbox per theme, "save and next" and "save and previous". Plain form
/// posts with access keys, so it works by keyboard without JavaScript; a small script adds single-key shortcuts.
/// </summary>
public sealed class AnswersModel(CodingFrame frame, PortalDbContext db, UserManager<PortalUser> users) : PageModel
{
    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public CodableQuestion Question { get; private set; } = null!;

    public IReadOnlyList<ThemeView> Themes { get; private set; } = [];

    public AnswerToCode? Answer { get; private set; }

    [BindProperty(SupportsGet = true, Name = "answer")]
    public long? AnswerId { get; set; }

    /// <summary>The ticked themes, as posted (kept when the post is refused).</summary>
    [BindProperty(Name = "themes")]
    public List<Guid> Ticked { get; set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, key, cancellationToken))
        {
            return NotFound();
        }

        if (AnswerId is not null && Answer is null)
        {
            return NotFound();
        }

        Ticked = [.. Answer?.ThemeIds ?? []];
        return Page();
    }

    /// <summary>Saves the ticks, then goes to the next answer (<paramref name="go"/> "next") or the previous one.</summary>
    public async Task<IActionResult> OnPostSaveAsync(Guid id, string key, string? go, CancellationToken cancellationToken)
    {
        if (AnswerId is not { } answerId)
        {
            return NotFound();
        }

        var result = await frame.TagAsync(id, key, answerId, Ticked, this.ActorOf(users), cancellationToken);
        return await AfterAsync(id, key, answerId, result, go == "previous", cancellationToken);
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, string key, CancellationToken cancellationToken)
    {
        if (AnswerId is not { } answerId)
        {
            return NotFound();
        }

        var result = await frame.AcceptSuggestionAsync(id, key, answerId, this.ActorOf(users), cancellationToken);
        return await AfterAsync(id, key, answerId, result, previous: false, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(Guid id, string key, long answerId, CodingResult result, bool previous, CancellationToken cancellationToken)
    {
        if (result.Outcome == CodingOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Outcome == CodingOutcome.Invalid)
        {
            ModelState.Clear();
            ModelState.AddProblems(result.Problems);
            return await LoadAsync(id, key, cancellationToken) ? Page() : NotFound();
        }

        var saved = await frame.AnswerAsync(id, key, answerId, cancellationToken);
        var target = previous ? saved?.PreviousId : saved?.NextId;
        if (target is null)
        {
            Notice = previous ? "Saved. This is the first answer." : "Saved. That was the last answer: check the progress, or go back to any answer you skipped.";
            target = answerId;
        }
        else
        {
            Notice = "Saved.";
        }

        return Redirect(CodingPage.AnswersUrl(id, key, target));
    }

    private async Task<bool> LoadAsync(Guid id, string key, CancellationToken cancellationToken)
    {
        var question = await frame.QuestionAsync(id, key, cancellationToken);
        if (question is null)
        {
            return false;
        }

        Id = id;
        Question = question;
        Title = await CodingPage.TitleAsync(db, id, cancellationToken);
        Themes = await frame.ThemesAsync(id, key, cancellationToken);
        Answer = await frame.AnswerAsync(id, key, AnswerId, cancellationToken);
        return true;
    }
}
