using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Responses;
using EngagementPortal.Web.Pages.BackOffice.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Responses;

/// <summary>One response with every answer (encoded), its themes, redactions and moderation history; moderating it.</summary>
public sealed class DetailsModel(ResponseList responses, ResponseModeration moderation, UserManager<PortalUser> users) : PageModel
{
    public ResponseDetails Details { get; private set; } = null!;

    [BindProperty]
    public string? State { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid responseId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, responseId, cancellationToken))
        {
            return NotFound();
        }

        State = Details.Response.ModerationState.ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid responseId, CancellationToken cancellationToken)
    {
        var result = await moderation.ModerateAsync(id, responseId, ResponseText.Parse<ModerationState>(State), Reason, this.ActorOf(users), cancellationToken);
        switch (result.Outcome)
        {
            case HandlingOutcome.NotFound:
                return NotFound();
            case HandlingOutcome.Invalid:
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError(error.Field, error.Message);
                }

                return await LoadAsync(id, responseId, cancellationToken) ? Page() : NotFound();
            default:
                Notice = "Moderation saved.";
                return RedirectToPage(new { id, responseId });
        }
    }

    private async Task<bool> LoadAsync(Guid id, Guid responseId, CancellationToken cancellationToken)
    {
        if (await responses.FindAsync(id, responseId, cancellationToken) is not { } details)
        {
            return false;
        }

        Details = details;
        return true;
    }

    /// <summary>The response's facts for the summary list, leaving out those it does not have.</summary>
    public IEnumerable<(string Key, string Value)> Summary
    {
        get
        {
            var response = Details.Response;
            var rows = new (string, string?)[]
            {
                ("Received", Core.Time.UkTime.FormatTimestamp(response.SubmittedUtc)),
                ("Channel", ResponseText.Channel(response.Channel)),
                ("Respondent", ResponseText.Type(response.RespondentType)),
                ("Organisation", response.OrganisationName),
                ("Role", response.Role),
                ("Postcode district", response.PostcodeDistrict),
                ("Email", response.Email),
                ("Publishing", AnswerSummary.PublishingText(response.PublishingConsent, response.PublishedName)),
                ("Moderation", ResponseText.Moderation(response.ModerationState) + (response.ModerationReason is null ? "" : ": " + response.ModerationReason)),
                ("Version answered", "Version " + Details.Version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            return rows.Where(r => r.Item2 is not null).Select(r => (r.Item1, r.Item2!));
        }
    }

    public ResponseAnswer? AnswerFor(string key) => Details.Response.Answers.FirstOrDefault(a => a.QuestionKey == key);

    /// <summary>Answers stored under keys this version does not ask (an earlier meaning of a question), so none is hidden.</summary>
    public IEnumerable<ResponseAnswer> OtherAnswers
    {
        get
        {
            var keys = Details.Version.Questions.SelectMany(q => new[] { q.Key, q.ExplanationKey }).ToHashSet(StringComparer.Ordinal);
            return Details.Response.Answers.Where(a => !keys.Contains(a.QuestionKey));
        }
    }

    public IReadOnlyList<string> ThemesOf(ResponseAnswer answer) => Details.ThemesByAnswer.GetValueOrDefault(answer.Id) ?? [];
}
