using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Consultations;

/// <summary>One consultation: its versions, what the draft changes, and publishing (now or scheduled) and unpublishing.</summary>
public sealed class OverviewModel(ConsultationAuthoring authoring, UserManager<PortalUser> users, TimeProvider time) : PageModel
{
    public Consultation Consultation { get; private set; } = null!;

    public ConsultationVersion? Draft { get; private set; }

    public ConsultationVersion? Published { get; private set; }

    public IReadOnlyList<QuestionEdit> Changes { get; private set; } = [];

    public DateTime NowUtc { get; private set; }

    [BindProperty]
    public string? PublishAtDate { get; set; }

    [BindProperty]
    public string? PublishAtTime { get; set; }

    [BindProperty]
    public string? UnpublishAtDate { get; set; }

    [BindProperty]
    public string? UnpublishAtTime { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        var publishAt = DraftForm.ParseUk("PublishAt", PublishAtDate, PublishAtTime, "00:00", required: false, problems);
        var unpublishAt = DraftForm.ParseUk("UnpublishAt", UnpublishAtDate, UnpublishAtTime, "23:59", required: false, problems);
        if (problems.Count > 0)
        {
            ModelState.AddProblems(problems);
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        var result = await authoring.PublishAsync(id, publishAt, unpublishAt, this.ActorOf(users), cancellationToken);
        switch (result.Outcome)
        {
            case AuthoringOutcome.NotFound:
                return NotFound();
            case AuthoringOutcome.Done:
                Notice = publishAt is { } at && at > time.GetUtcNow().UtcDateTime ? $"Published. The public will see it from {Core.Time.UkTime.FormatDeadline(at)}." : "Published. The public can see it now.";
                return RedirectToPage(new { id });
            case AuthoringOutcome.NothingToPublish:
                ModelState.AddModelError("", "There is no draft to publish. Edit the consultation to make one.");
                break;
            case AuthoringOutcome.MeaningChanged:
                foreach (var change in result.Changes!.Where(c => c.ChangesMeaning))
                {
                    ModelState.AddModelError("", "People have already responded, so this cannot be published: " + change.Description + " Fix the wording only, or make a new consultation.");
                }

                break;
            default:
                ModelState.AddProblems(result.Problems);
                break;
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostUnpublishAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await authoring.UnpublishAsync(id, this.ActorOf(users), cancellationToken);
        if (result.Outcome == AuthoringOutcome.NotFound)
        {
            return NotFound();
        }

        Notice = result.Outcome == AuthoringOutcome.Done ? "Unpublished. The public can no longer see it." : "It was not published.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var consultation = await authoring.LoadAsync(id, cancellationToken);
        if (consultation is null)
        {
            return false;
        }

        Consultation = consultation;
        Draft = ConsultationAuthoring.Draft(consultation);
        Published = ConsultationAuthoring.Published(consultation);
        NowUtc = time.GetUtcNow().UtcDateTime;
        Changes = Draft is not null && Published is not null ? QuestionEdits.Compare(Published.Questions, Draft.Questions) : [];
        return true;
    }
}
