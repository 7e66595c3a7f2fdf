using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Partners;
using EngagementPortal.Core.Responses;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.Partners;

/// <summary>What every partner page needs: the signed-in contributor's organisation (from the claim the Partner
/// policy requires), by which every query is scoped, and the address emails link to.</summary>
public static class PartnerPage
{
    /// <summary>The organisation of the signed-in contributor; the folder policy guarantees the claim is there.</summary>
    public static Guid OrganisationOf(this PageModel page) =>
        PartnerClaims.OrganisationOf(page.User) ?? throw new InvalidOperationException("The Partner policy lets no one in without an organisation.");

    public static async Task<PortalUser> ContributorAsync(this PageModel page, UserManager<PortalUser> users) =>
        await users.GetUserAsync(page.User) ?? throw new InvalidOperationException("A signed-in user has an account.");

    public static string BaseUrl(this PageModel page, IOptions<ResponseOptions> options) =>
        options.Value.PublicBaseUrl?.TrimEnd('/') ?? $"{page.Request.Scheme}://{page.Request.Host}{page.Request.PathBase}";

    public static void AddProblems(this ModelStateDictionary state, IEnumerable<FieldProblem> problems)
    {
        foreach (var problem in problems)
        {
            state.AddModelError(problem.Field, problem.Message);
        }
    }

    public static string Describe(SubmissionState state, bool late) => state switch
    {
        SubmissionState.Submitted => late ? "Submitted late" : "Submitted",
        SubmissionState.Drafting => "Drafting",
        _ => "Not started",
    };

    public static string TagClass(SubmissionState state, bool late) => state switch
    {
        SubmissionState.Submitted => late ? "nhsuk-tag--orange" : "nhsuk-tag--green",
        SubmissionState.Drafting => "nhsuk-tag--blue",
        _ => "nhsuk-tag--grey",
    };
}
