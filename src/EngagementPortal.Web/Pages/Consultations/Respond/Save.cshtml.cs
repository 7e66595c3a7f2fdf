using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Responses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.Consultations.Respond;

/// <summary>"Save and come back later": asks for an email and queues a single-use link to the journey.</summary>
public sealed class SaveModel(ConsultationQueries queries, JourneyStore journeys, TimeProvider time, IOptions<ResponseOptions> options, SaveAndReturn saveAndReturn)
    : RespondPageModel(queries, journeys, time, options)
{
    [BindProperty]
    public string? Email { get; set; }

    /// <summary>Set after the link is queued: the page then says where it went and until when it works.</summary>
    public DateTime? SentUntilUtc { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, requireJourney: true, cancellationToken) is { } result)
        {
            return result;
        }

        Email = State.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, requireJourney: true, cancellationToken) is { } result)
        {
            return result;
        }

        var email = ResponseRules.Email(Email, required: true, out var error);
        if (error is not null)
        {
            return Invalid([new FieldError("Email", error)]);
        }

        var sent = await saveAndReturn.SendLinkAsync(Journey!, Version, email!, BaseUrl, cancellationToken);
        if (sent.Outcome != EnqueueOutcome.Queued)
        {
            return Invalid([new FieldError("Email", "Enter an email address in the correct format, like name@example.com")]);
        }

        SentUntilUtc = sent.ExpiresUtc;
        Email = email;
        ViewData["Title"] = "Check your email";
        return Page();
    }
}
