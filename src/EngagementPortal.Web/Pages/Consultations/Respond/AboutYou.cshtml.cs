using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.Consultations.Respond;

/// <summary>Who is responding: as an individual or for an organisation (its name and the person's role), an
/// optional postcode district and an optional email for a receipt. The journey starts on its first save.</summary>
public sealed class AboutYouModel(ConsultationQueries queries, JourneyStore journeys, TimeProvider time, IOptions<ResponseOptions> options)
    : RespondPageModel(queries, journeys, time, options)
{
    [BindProperty]
    public string? RespondentType { get; set; }

    [BindProperty]
    public string? OrganisationName { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? PostcodeDistrict { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, requireJourney: false, cancellationToken) is { } result)
        {
            return result;
        }

        RespondentType = State.RespondentType?.ToString();
        OrganisationName = State.OrganisationName;
        Role = State.Role;
        PostcodeDistrict = State.PostcodeDistrict;
        Email = State.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, requireJourney: false, cancellationToken) is { } result)
        {
            return result;
        }

        var validated = ResponseRules.ValidateAboutYou(new(RespondentType, OrganisationName, Role, PostcodeDistrict, Email));
        if (!validated.IsValid)
        {
            return Invalid(validated.Errors);
        }

        var v = validated.Value;
        await SaveStepAsync(JourneyCoordinator.AboutYou, state =>
        {
            state.RespondentType = v.RespondentType;
            state.OrganisationName = v.OrganisationName;
            state.Role = v.Role;
            state.PostcodeDistrict = v.PostcodeDistrict;
            state.Email = v.Email;
            if (v.RespondentType == Core.Responses.RespondentType.Organisation && state.PublishedName is null)
            {
                state.PublishedName = v.OrganisationName;
            }
        }, cancellationToken);
        return RedirectToNext(JourneyCoordinator.AboutYou);
    }
}
