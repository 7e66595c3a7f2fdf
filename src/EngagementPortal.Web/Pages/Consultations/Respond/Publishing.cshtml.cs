using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.Consultations.Respond;

/// <summary>Whether the response may be published: with a name, anonymously, or not at all.</summary>
public sealed class PublishingModel(ConsultationQueries queries, JourneyStore journeys, TimeProvider time, IOptions<ResponseOptions> options)
    : RespondPageModel(queries, journeys, time, options)
{
    [BindProperty]
    public string? Publishing { get; set; }

    [BindProperty]
    public string? PublishedName { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, requireJourney: true, cancellationToken) is { } result)
        {
            return result;
        }

        Publishing = State.Publishing?.ToString();
        PublishedName = State.PublishedName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, requireJourney: true, cancellationToken) is { } result)
        {
            return result;
        }

        var validated = ResponseRules.ValidatePublishing(new(Publishing, PublishedName));
        if (!validated.IsValid)
        {
            return Invalid(validated.Errors);
        }

        await SaveStepAsync(JourneyCoordinator.Publishing, state =>
        {
            state.Publishing = validated.Value.Consent;
            state.PublishedName = validated.Value.Name ?? state.PublishedName;
        }, cancellationToken);
        return RedirectToNext(JourneyCoordinator.Publishing);
    }
}
