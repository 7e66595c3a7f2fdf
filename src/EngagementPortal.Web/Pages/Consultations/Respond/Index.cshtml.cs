using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using EngagementPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.Consultations.Respond;

/// <summary>The start of the journey (the consultation page's Start button): sends a new visitor to the first
/// step and a returning one to where they left off. Only the "not open" message renders here.</summary>
public sealed class IndexModel(ConsultationQueries queries, JourneyStore journeys, TimeProvider time, IOptions<ResponseOptions> options)
    : RespondPageModel(queries, journeys, time, options)
{
    protected override bool AllowsSubmittedJourney => true;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, requireJourney: false, cancellationToken) is { } result)
        {
            return result;
        }

        if (Journey?.ResponseId is not null)
        {
            return Redirect(StepUrl("confirmation"));
        }

        return Redirect(StepUrl(Coordinator.ResumeAt(State)));
    }

    /// <summary>"Send another response" from the confirmation page: forget this browser's journey and start again.</summary>
    public async Task<IActionResult> OnPostRestartAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, requireJourney: false, cancellationToken) is { } result)
        {
            return result;
        }

        JourneyCookie.Delete(Response, slug);
        return SeeOther(StepUrl(JourneyCoordinator.AboutYou));
    }
}
