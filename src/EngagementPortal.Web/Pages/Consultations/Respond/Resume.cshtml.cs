using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using EngagementPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.Consultations.Respond;

/// <summary>The link from a "save and come back later" email. Opening it (GET) changes nothing, because mail
/// scanners open links; the button (POST) uses the link once and gives this browser the journey.</summary>
public sealed class ResumeModel(ConsultationQueries queries, JourneyStore journeys, TimeProvider time, IOptions<ResponseOptions> options, SaveAndReturn saveAndReturn)
    : RespondPageModel(queries, journeys, time, options)
{
    public string? Problem { get; private set; }

    protected override bool AllowsSubmittedJourney => true;

    public async Task<IActionResult> OnGetAsync(string slug, string token, CancellationToken cancellationToken) =>
        await LoadAsync(slug, requireJourney: false, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug, string token, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, requireJourney: false, cancellationToken) is { } result)
        {
            return result;
        }

        var resumed = await saveAndReturn.ResumeAsync(token, Version.ConsultationId, cancellationToken);
        if (resumed.Outcome != ResumeOutcome.Resumed)
        {
            Problem = resumed.Outcome switch
            {
                ResumeOutcome.Used => "This link has already been used. Each link works once. If you used it on another device, carry on there, or start again.",
                ResumeOutcome.Expired => "This link has expired. You can start your response again.",
                _ => "This link is not right. Check you copied the whole link from the email.",
            };
            ViewData["Title"] = "You cannot use this link";
            return Page();
        }

        JourneyCookie.Write(Response, slug, resumed.JourneyToken!, Version.ClosesUtc, Time.GetUtcNow().UtcDateTime);
        return SeeOther(JourneyCookie.Path(slug));
    }
}
