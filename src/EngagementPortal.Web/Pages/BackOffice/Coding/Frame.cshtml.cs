using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Coding;
using EngagementPortal.Core.Data;
using EngagementPortal.Web.Pages.BackOffice.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Coding;

/// <summary>One question's coding frame: its themes, adding one, renaming one, merging two.</summary>
public sealed class FrameModel(CodingFrame frame, PortalDbContext db, UserManager<PortalUser> users) : PageModel
{
    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public CodableQuestion Question { get; private set; } = null!;

    public IReadOnlyList<ThemeView> Themes { get; private set; } = [];

    /// <summary>The theme being renamed; null when adding.</summary>
    [BindProperty(SupportsGet = true, Name = "edit")]
    public Guid? EditId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public Guid? MergeFrom { get; set; }

    [BindProperty]
    public Guid? MergeInto { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, key, cancellationToken))
        {
            return NotFound();
        }

        if (EditId is { } edit && Themes.FirstOrDefault(t => t.Id == edit) is { } theme)
        {
            Name = theme.Name;
            Description = theme.Description;
        }
        else
        {
            EditId = null;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, string key, CancellationToken cancellationToken)
    {
        var actor = this.ActorOf(users);
        var result = EditId is { } edit
            ? await frame.RenameThemeAsync(id, edit, Name, Description, actor, cancellationToken)
            : await frame.CreateThemeAsync(id, key, Name, Description, actor, cancellationToken);
        return await AfterAsync(id, key, result, EditId is null ? $"Theme \u201c{Name?.Trim()}\u201d added." : "Theme saved.", cancellationToken);
    }

    public async Task<IActionResult> OnPostMergeAsync(Guid id, string key, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (MergeFrom is null)
        {
            ModelState.AddModelError(nameof(MergeFrom), "Select the theme to merge");
            return await LoadAsync(id, key, cancellationToken) ? Page() : NotFound();
        }

        var result = await frame.MergeThemesAsync(id, MergeFrom.Value, MergeInto, this.ActorOf(users), cancellationToken);
        if (result.Outcome == CodingOutcome.NotFound)
        {
            ModelState.AddModelError(nameof(MergeFrom), "Select one of this question's themes");
            return await LoadAsync(id, key, cancellationToken) ? Page() : NotFound();
        }

        return await AfterAsync(id, key, result, "Themes merged. Every answer tagged with either theme is now under the one you kept.", cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(Guid id, string key, CodingResult result, string notice, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case CodingOutcome.NotFound:
                return NotFound();
            case CodingOutcome.Done:
                Notice = notice;
                return Redirect(CodingPage.FrameUrl(id, key));
            default:
                ModelState.Clear();
                ModelState.AddProblems(result.Problems);
                return await LoadAsync(id, key, cancellationToken) ? Page() : NotFound();
        }
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
        return true;
    }
}
