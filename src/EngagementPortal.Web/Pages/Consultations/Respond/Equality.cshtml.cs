using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.Consultations.Respond;

/// <summary>Optional equality monitoring (Public Sector Equality Duty), asked on its own page and stored apart
/// from the answers. Every question may be left blank or answered "Prefer not to say".</summary>
public sealed class EqualityModel(ConsultationQueries queries, JourneyStore journeys, TimeProvider time, IOptions<ResponseOptions> options)
    : RespondPageModel(queries, journeys, time, options)
{
    [BindProperty]
    public string? AgeBand { get; set; }

    [BindProperty]
    public string? Sex { get; set; }

    [BindProperty]
    public string? Disability { get; set; }

    [BindProperty]
    public string? Ethnicity { get; set; }

    public sealed record Field(string Name, string Legend, string? Hint, IReadOnlyList<string> Options, string? Value);

    public IReadOnlyList<Field> Fields =>
    [
        new(nameof(AgeBand), "What is your age?", null, EqualityQuestions.AgeBands, AgeBand),
        new(nameof(Sex), "What is your sex?", null, EqualityQuestions.Sexes, Sex),
        new(nameof(Disability), "Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more?", null, EqualityQuestions.DisabilityAnswers, Disability),
        new(nameof(Ethnicity), "What is your ethnic group?", null, EqualityQuestions.Ethnicities, Ethnicity),
    ];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, requireJourney: true, cancellationToken) is { } result)
        {
            return result;
        }

        AgeBand = State.Equality?.AgeBand;
        Sex = State.Equality?.Sex;
        Disability = State.Equality?.Disability;
        Ethnicity = State.Equality?.Ethnicity;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, requireJourney: true, cancellationToken) is { } result)
        {
            return result;
        }

        var validated = ResponseRules.ValidateEquality(AgeBand, Sex, Disability, Ethnicity);
        if (!validated.IsValid)
        {
            return Invalid(validated.Errors);
        }

        await SaveStepAsync(JourneyCoordinator.Equality, state => state.Equality = validated.Value.IsEmpty ? null : validated.Value, cancellationToken);
        return RedirectToNext(JourneyCoordinator.Equality);
    }
}
