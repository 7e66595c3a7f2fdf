using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.Consultations.Respond;

/// <summary>After POST-redirect-GET: the reference in a panel, what happens next, and a copy of the answers.</summary>
public sealed class ConfirmationModel(ConsultationQueries queries, JourneyStore journeys, TimeProvider time, IOptions<ResponseOptions> options, ResponseSubmission submission)
    : RespondPageModel(queries, journeys, time, options)
{
    protected override bool SavesJourney => false;

    public string Reference { get; private set; } = "";

    protected override bool AllowsSubmittedJourney => true;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, requireJourney: true, cancellationToken) is { } result)
        {
            return result;
        }

        if (Journey!.ResponseId is not { } responseId || await submission.FindReferenceAsync(responseId, cancellationToken) is not { } reference)
        {
            return Redirect(StepUrl(Coordinator.ResumeAt(State)));
        }

        Reference = reference;
        return Page();
    }
}
