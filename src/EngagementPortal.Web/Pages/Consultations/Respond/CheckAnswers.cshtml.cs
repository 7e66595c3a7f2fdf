using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.Consultations.Respond;

/// <summary>Every answer with a Change link to its step, and the one POST that turns the journey into a response.</summary>
public sealed class CheckAnswersModel(ConsultationQueries queries, JourneyStore journeys, TimeProvider time, IOptions<ResponseOptions> options, ResponseSubmission submission)
    : RespondPageModel(queries, journeys, time, options)
{
    protected override bool SavesJourney => false;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, requireJourney: true, cancellationToken) is { } result)
        {
            return result;
        }

        return Coordinator.FirstIncomplete(State) is { } step ? Redirect(StepUrl(step)) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, requireJourney: true, cancellationToken) is { } result)
        {
            return result;
        }

        var submitted = await submission.SubmitAsync(Journey!, Version, BaseUrl, cancellationToken);
        switch (submitted.Outcome)
        {
            case SubmitOutcome.Incomplete:
                return SeeOther(StepUrl(submitted.Step!));
            case SubmitOutcome.NotOpen:
                // The consultation closed between the page loading and this line: nothing was saved.
                await LoadAsync(slug, requireJourney: true, cancellationToken);
                return Page();
            default:
                return SeeOther(StepUrl("confirmation"));
        }
    }
}
