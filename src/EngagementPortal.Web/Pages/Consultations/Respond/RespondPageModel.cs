using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using EngagementPortal.Core.Time;
using EngagementPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.Consultations.Respond;

/// <summary>
/// What every step of the responding journey shares: the published version and its phase (computed per request),
/// the journey found by its cookie, the coordinator, and the form's errors. A step calls <see cref="LoadAsync"/>
/// first and returns its result when it is not null.
/// </summary>
public abstract class RespondPageModel(ConsultationQueries queries, JourneyStore journeys, TimeProvider time, IOptions<ResponseOptions> responseOptions) : PageModel
{
    public ConsultationVersion Version { get; private set; } = null!;

    public string Slug => Version.Consultation.Slug;

    public JourneyCoordinator Coordinator { get; private set; } = null!;

    public ResponseJourney? Journey { get; private set; }

    public JourneyState State { get; private set; } = new();

    /// <summary>Set when the consultation is not open: the page shows only this.</summary>
    public string? NotOpenMessage { get; private set; }

    public string NotOpenTitle { get; private set; } = "";

    public List<FieldError> Errors { get; } = [];

    /// <summary>True when the person came from check answers through a Change link.</summary>
    [BindProperty(SupportsGet = true, Name = "change")]
    public bool ReturnToCheckAnswers { get; set; }

    public string StepUrl(string step) => $"{JourneyCookie.Path(Slug)}/{step}";

    public string ChangeUrl(string step) => StepUrl(step) + "?change=true";

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    protected JourneyStore Journeys => journeys;

    protected TimeProvider Time => time;

    /// <summary>Loads the version and journey. Returns a result to send instead of the page: 404 for an unknown
    /// consultation, the "not open" page (refusing a POST with 409), a redirect to the start when a step needs a
    /// journey there is none of, or to the confirmation when the journey was already submitted.</summary>
    protected async Task<IActionResult?> LoadAsync(string slug, bool requireJourney, CancellationToken cancellationToken)
    {
        var version = await queries.FindPublishedAsync(slug, cancellationToken);
        if (version is null)
        {
            return NotFound();
        }

        Version = version;
        Coordinator = new JourneyCoordinator(version);
        var now = time.GetUtcNow().UtcDateTime;
        var phase = version.PhaseAt(now);
        if (phase != ConsultationPhase.Open)
        {
            NotOpenMessage = phase == ConsultationPhase.Upcoming
                ? $"This consultation is not open yet. You can respond from {UkTime.FormatDeadline(version.OpensUtc)}."
                : $"This consultation closed at {UkTime.FormatDeadline(version.ClosesUtc)}. Responses can no longer be sent.";
            if (HttpMethods.IsPost(Request.Method))
            {
                Response.StatusCode = StatusCodes.Status409Conflict;
            }

            NotOpenTitle = phase == ConsultationPhase.Upcoming ? "This consultation is not open yet" : "This consultation has closed";
            return Page();
        }

        Journey = await journeys.FindAsync(JourneyCookie.Read(Request), version.ConsultationId, cancellationToken, track: SavesJourney);
        if (Journey is not null)
        {
            State = JourneyState.FromJson(Journey.State);
            if (Journey.ResponseId is not null && AllowsSubmittedJourney is false)
            {
                return SeeOther(StepUrl("confirmation"));
            }
        }
        else if (requireJourney)
        {
            return SeeOther(JourneyCookie.Path(slug));
        }

        return null;
    }

    /// <summary>Only the confirmation page shows a submitted journey; every other step sends it there.</summary>
    protected virtual bool AllowsSubmittedJourney => false;

    /// <summary>False for a page that only reads the journey: it is loaded without EF's change tracking.</summary>
    protected virtual bool SavesJourney => true;

    /// <summary>Saves a step's change, starting the journey (and setting its cookie) on the first save.</summary>
    protected async Task SaveStepAsync(string step, Action<JourneyState> change, CancellationToken cancellationToken, bool complete = true)
    {
        if (Journey is null)
        {
            var (journey, token) = journeys.Start(Version);
            Journey = journey;
            JourneyCookie.Write(Response, Slug, token, Version.ClosesUtc, Time.GetUtcNow().UtcDateTime);
        }

        State = await journeys.UpdateAsync(Journey, state =>
        {
            change(state);
            if (complete)
            {
                state.Completed.Add(step);
            }
        }, cancellationToken);
    }

    /// <summary>POST-redirect-GET to the coordinator's next step (303 so a reload never posts again).</summary>
    protected IActionResult RedirectToNext(string step) => SeeOther(StepUrl(Coordinator.Next(step, State, ReturnToCheckAnswers)));

    protected IActionResult SeeOther(string url)
    {
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    protected IActionResult Invalid(IEnumerable<FieldError> errors)
    {
        Errors.AddRange(errors);
        return Page();
    }

    /// <summary>Where links in emails point: the configured public address, else the one this request came to.</summary>
    protected string BaseUrl => responseOptions.Value.PublicBaseUrl?.TrimEnd('/') ?? $"{Request.Scheme}://{Request.Host}{Request.PathBase}";

    protected ResponseOptions ResponseOptions => responseOptions.Value;

    public string BackUrl(string step) => ReturnToCheckAnswers ? StepUrl(JourneyCoordinator.CheckAnswers)
        : Coordinator.Previous(step) is { } previous ? StepUrl(previous) : $"/consultations/{Slug}";
}
