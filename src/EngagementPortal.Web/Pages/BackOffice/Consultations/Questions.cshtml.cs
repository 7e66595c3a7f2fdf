using System.Globalization;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Consultations;

/// <summary>The question builder: add, edit, move up or down, remove. Every change is to the draft.</summary>
public sealed class QuestionsModel(ConsultationAuthoring authoring, UserManager<PortalUser> users) : DraftPageModel(authoring)
{
    public IReadOnlyList<Question> Questions => Current?.Questions ?? [];

    /// <summary>The key of the question being edited; null when adding.</summary>
    [BindProperty(SupportsGet = true, Name = "edit")]
    public string? EditKey { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Hint { get; set; }

    [BindProperty]
    public QuestionType? Type { get; set; }

    [BindProperty]
    public string? Options { get; set; }

    /// <summary>Adds "Other, please specify" as the last option: the journey then shows a text box and keeps both the tick and the text.</summary>
    [BindProperty]
    public bool OfferOther { get; set; }

    [BindProperty]
    public bool Required { get; set; }

    [BindProperty]
    public string? FollowUpLabel { get; set; }

    [BindProperty]
    public string? MaxLength { get; set; }

    [BindProperty]
    public string? Group { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (EditKey is not null && Questions.FirstOrDefault(q => q.Key == EditKey) is { } question)
        {
            Text = question.Text;
            Hint = question.Hint;
            Type = question.Type;
            Options = question.Type is QuestionType.SingleChoice or QuestionType.MultipleChoice ? string.Join('\n', question.Options.Where(o => !ResponseRules.IsOther(o))) : null;
            OfferOther = question.Type is QuestionType.SingleChoice or QuestionType.MultipleChoice && question.Options.Any(ResponseRules.IsOther);
            Required = question.Required;
            FollowUpLabel = question.FollowUpLabel;
            MaxLength = question.MaxLength.ToString(CultureInfo.InvariantCulture);
            Group = question.Group;
        }
        else
        {
            EditKey = null;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Type is null)
        {
            ModelState.AddModelError(nameof(Type), "Select the type of question");
        }

        var maxLength = Question.DefaultMaxLength;
        if (!string.IsNullOrWhiteSpace(MaxLength) && !int.TryParse(MaxLength, NumberStyles.None, CultureInfo.InvariantCulture, out maxLength))
        {
            ModelState.AddModelError(nameof(MaxLength), "Enter the character limit as a whole number, like 2000");
        }

        var typed = (Options ?? "").Split('\n').Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        if (Type is QuestionType.SingleChoice or QuestionType.MultipleChoice && typed.Any(ResponseRules.IsOther))
        {
            ModelState.AddModelError(nameof(Options), "Remove the option starting with \u201cOther\u201d and tick \u201cOffer Other, please specify\u201d instead: options starting with Other get a text box");
        }

        if (ModelState.ErrorCount > 0)
        {
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        // Editing keeps the existing wording of the Other option, so ticking the box again is not a change of meaning.
        var previous = EditKey is null ? null : (await Authoring.LoadAsync(id, cancellationToken)) is { } loaded ? ConsultationAuthoring.Current(loaded).Questions.FirstOrDefault(q => q.Key == EditKey) : null;
        var otherOption = previous?.Options.FirstOrDefault(ResponseRules.IsOther) ?? Question.OtherOption;
        var question = new Question
        {
            Key = EditKey ?? "",
            Number = 0,
            Text = Text?.Trim() ?? "",
            Hint = string.IsNullOrWhiteSpace(Hint) ? null : Hint.Trim(),
            Type = Type!.Value,
            Options = Type switch
            {
                QuestionType.AgreeDisagree => Question.AgreeDisagreeOptions,
                QuestionType.YesNo => Question.YesNoOptions,
                QuestionType.FreeText => [],
                _ => OfferOther ? [.. typed, otherOption] : typed,
            },
            Required = Required,
            FollowUpLabel = Type == QuestionType.FreeText || string.IsNullOrWhiteSpace(FollowUpLabel) ? null : FollowUpLabel.Trim(),
            MaxLength = maxLength,
            Group = string.IsNullOrWhiteSpace(Group) ? null : Group.Trim(),
        };
        var result = await Authoring.SaveQuestionAsync(id, EditKey, question, this.ActorOf(users), cancellationToken);
        if (result.Outcome == AuthoringOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Outcome != AuthoringOutcome.Done)
        {
            ModelState.AddProblems(result.Problems);
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        return Redirect($"/backoffice/consultations/{id}/questions");
    }

    public Task<IActionResult> OnPostUpAsync(Guid id, string key, CancellationToken cancellationToken) =>
        AfterAsync(id, Authoring.MoveQuestionAsync(id, key, -1, this.ActorOf(users), cancellationToken));

    public Task<IActionResult> OnPostDownAsync(Guid id, string key, CancellationToken cancellationToken) =>
        AfterAsync(id, Authoring.MoveQuestionAsync(id, key, 1, this.ActorOf(users), cancellationToken));

    public Task<IActionResult> OnPostRemoveAsync(Guid id, string key, CancellationToken cancellationToken) =>
        AfterAsync(id, Authoring.RemoveQuestionAsync(id, key, this.ActorOf(users), cancellationToken));

    private static async Task<IActionResult> AfterAsync(Guid id, Task<AuthoringResult> change) =>
        (await change).Outcome == AuthoringOutcome.NotFound ? new NotFoundResult() : new RedirectResult($"/backoffice/consultations/{id}/questions");
}
