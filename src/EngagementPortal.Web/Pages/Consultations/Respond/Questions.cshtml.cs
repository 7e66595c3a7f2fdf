using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.Consultations.Respond;

/// <summary>One page of questions (a group, or one question). Fields are named by question key; what was typed
/// comes back on an error. "Save and come back later" keeps what is on the page without judging it.</summary>
public sealed class QuestionsModel(ConsultationQueries queries, JourneyStore journeys, TimeProvider time, IOptions<ResponseOptions> options)
    : RespondPageModel(queries, journeys, time, options)
{
    public QuestionPage QuestionPage { get; private set; } = null!;

    /// <summary>What the fields show: the saved answers, or what was just posted.</summary>
    public Dictionary<string, AnswerState> Answers { get; private set; } = new(StringComparer.Ordinal);

    public string StepId => QuestionPage.StepId;

    public async Task<IActionResult> OnGetAsync(string slug, int number, CancellationToken cancellationToken)
    {
        if (await LoadPageAsync(slug, number, cancellationToken) is { } result)
        {
            return result;
        }

        Answers = new(State.Answers, StringComparer.Ordinal);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, int number, [FromForm(Name = "save")] bool save, CancellationToken cancellationToken)
    {
        if (await LoadPageAsync(slug, number, cancellationToken) is { } result)
        {
            return result;
        }

        var validated = ResponseRules.ValidatePage(QuestionPage, name => [.. Request.Form[name].Select(v => v ?? "")]);
        Answers = validated.Value;
        if (save)
        {
            // Keep everything typed, even what is not yet valid; the page is judged when it is continued.
            await SaveStepAsync(StepId, state => Merge(state, validated.Value), cancellationToken, complete: validated.IsValid);
            return SeeOther(StepUrl("save"));
        }

        if (!validated.IsValid)
        {
            return Invalid(validated.Errors);
        }

        await SaveStepAsync(StepId, state => Merge(state, validated.Value), cancellationToken);
        return RedirectToNext(StepId);
    }

    private static void Merge(JourneyState state, Dictionary<string, AnswerState> answers)
    {
        foreach (var (key, answer) in answers)
        {
            state.Answers[key] = answer;
        }
    }

    private async Task<IActionResult?> LoadPageAsync(string slug, int number, CancellationToken cancellationToken)
    {
        // The first question page may be reached before about-you is saved (a bookmark); the journey starts on save.
        if (await LoadAsync(slug, requireJourney: false, cancellationToken) is { } result)
        {
            return result;
        }

        if (Coordinator.Page(number) is not { } page)
        {
            return NotFound();
        }

        QuestionPage = page;
        return null;
    }

    public AnswerState AnswerFor(string key) => Answers.TryGetValue(key, out var answer) ? answer : new AnswerState();
}
