using System.Net;
using AngleSharp.Html.Dom;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Partners;
using EngagementPortal.Core.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.Partners;

/// <summary>A contributor the test made through a real invitation link, signed in with the cookie it gave them.</summary>
public sealed record Contributor(HttpClient Client, string Email, string Name, Guid OrganisationId);

/// <summary>Organisations, invitations and contributors made through the portal's own services and pages.</summary>
public static class PartnerWorld
{
    public static readonly Actor Officer = new(Guid.Empty, "officer@example.nhs.uk");

    public static async Task<Guid> ConsultationIdAsync(this PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Consultations.Where(c => c.Slug == "integrating-care").Select(c => c.Id).SingleAsync();
    }

    public static async Task<ConsultationVersion> VersionAsync(this PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ConsultationVersions.AsNoTracking()
            .SingleAsync(v => v.Consultation.Slug == "integrating-care" && v.State == VersionState.Published);
    }

    public static async Task<Guid> CreateOrganisationAsync(this PortalFactory factory, string name, OrganisationType type = OrganisationType.NhsTrust)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<PartnerRegister>()
            .SaveOrganisationAsync(null, new OrganisationInput(name, type, [], "Contact", $"contact-{Guid.NewGuid():N}@example.org"), Officer);
        Assert.Equal(RegisterOutcome.Saved, result.Outcome);
        return result.Id!.Value;
    }

    /// <summary>Invites the organisation to a consultation (Integrating care unless another is given); the invitation's token.</summary>
    public static async Task<string> InviteAsync(this PortalFactory factory, Guid organisationId, string email, Guid? consultationId = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<PartnerInvitations>()
            .InviteOrganisationAsync(consultationId ?? await factory.ConsultationIdAsync(), organisationId, email, Officer, "http://localhost");
        Assert.Equal(InviteOutcome.Invited, result.Outcome);
        return result.Token!;
    }

    /// <summary>Opens the invitation link, creates the account on the join page, and keeps the signed-in cookie.</summary>
    public static async Task<Contributor> JoinAsync(this PortalFactory factory, string token, string name)
    {
        var client = factory.CreatePortalClient();
        var response = await client.PostFormAsync("/partners/join?token=" + Uri.EscapeDataString(token), new()
        {
            ["Token"] = token,
            ["DisplayName"] = name,
            ["Password"] = Accounts.Password,
            ["ConfirmPassword"] = Accounts.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/partners", response.Headers.Location!.OriginalString);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var invitation = await db.PartnerInvitations.SingleAsync(i => i.TokenHash == Core.Responses.Tokens.Hash(token));
        return new Contributor(client, invitation.Email, name, invitation.OrganisationId);
    }

    /// <summary>A fresh sign-in, for after the test clock moved past the idle timeout.</summary>
    public static async Task<Contributor> SignInAgainAsync(this PortalFactory factory, Contributor contributor)
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync(new TestAccount(Guid.Empty, contributor.Email, Accounts.Password, Core.Accounts.PortalRoles.Partner, null));
        return contributor with { Client = client };
    }

    /// <summary>An organisation invited to the consultation with one contributor signed in.</summary>
    public static async Task<Contributor> OrganisationWithContributorAsync(this PortalFactory factory, string organisation, string person)
    {
        var id = await factory.CreateOrganisationAsync(organisation);
        var token = await factory.InviteAsync(id, $"{person.Replace(' ', '.').ToLowerInvariant()}-{Guid.NewGuid():N}@example.org");
        return await factory.JoinAsync(token, person);
    }

    /// <summary>A colleague of an existing contributor, invited by them on the colleagues page.</summary>
    public static async Task<Contributor> ColleagueOfAsync(this PortalFactory factory, Contributor inviter, string person)
    {
        var email = $"{person.Replace(' ', '.').ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        var response = await inviter.Client.PostFormAsync("/partners/colleagues", new() { ["Email"] = email });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await factory.JoinAsync(await TokenFromOutboxAsync(factory, email), person);
    }

    /// <summary>The token in the newest invitation emailed to that address, read from the outbox as a person would read the email.</summary>
    public static async Task<string> TokenFromOutboxAsync(PortalFactory factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var message = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.To == email && m.Kind == PartnerInvitations.InvitationKind).OrderByDescending(m => m.CreatedUtc).FirstAsync();
        var start = message.TextBody.IndexOf("token=", StringComparison.Ordinal) + "token=".Length;
        var end = message.TextBody.IndexOfAny([' ', '\n', '\r'], start);
        return Uri.UnescapeDataString(message.TextBody[start..(end < 0 ? message.TextBody.Length : end)]);
    }

    public static async Task<PartnerSubmission> SubmissionAsync(this PortalFactory factory, Guid organisationId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().PartnerSubmissions.AsNoTracking().SingleAsync(s => s.OrganisationId == organisationId);
    }

    /// <summary>Fields of the draft form as the page rendered them (so the row version is the one the page was loaded at).</summary>
    public static async Task<(Dictionary<string, string> Fields, string Token)> DraftFormAsync(this HttpClient client, Guid submissionId)
    {
        var html = await (await client.GetAsync($"/partners/submissions/{submissionId}")).ReadHtmlAsync();
        var form = html.QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => f.QuerySelector("input[name=Version]") is not null);
        var fields = new Dictionary<string, string>
        {
            ["Version"] = ((IHtmlInputElement)form.QuerySelector("input[name=Version]")!).Value,
        };
        return (fields, ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value);
    }

    public static async Task<HttpResponseMessage> PostDraftAsync(this HttpClient client, Guid submissionId, (Dictionary<string, string> Fields, string Token) form, Dictionary<string, string> changes, string next = "stay")
    {
        var body = new Dictionary<string, string>(form.Fields) { ["__RequestVerificationToken"] = form.Token, ["next"] = next };
        foreach (var (key, value) in changes)
        {
            body[key] = value;
        }

        return await client.PostAsync($"/partners/submissions/{submissionId}", new FormUrlEncodedContent(body));
    }

    /// <summary>Answers for the first question (a choice and its explanation) and an overall position.</summary>
    public static async Task<Dictionary<string, string>> AnswersAsync(this PortalFactory factory, string position)
    {
        var version = await factory.VersionAsync();
        var first = version.Questions.OrderBy(q => q.Number).First();
        var answers = new Dictionary<string, string> { ["OverallPosition"] = position, ["Evidence"] = "Board papers of 17 December 2020" };
        if (first.HasChoices)
        {
            answers[ResponseRules.FieldId(first.Key)] = "Agree";
            if (first.FollowUpLabel is not null)
            {
                answers[ResponseRules.FieldId(first.ExplanationKey)] = "A statutory footing gives the partnership a clear accountability.";
            }
        }
        else
        {
            answers[ResponseRules.FieldId(first.Key)] = "A statutory footing gives the partnership a clear accountability.";
        }

        return answers;
    }

    public static Dictionary<string, string> SignOff(string? signatory = "Dr A Example") => new()
    {
        ["SignatoryName"] = signatory ?? "",
        ["SignatoryRole"] = "Chair of the Health and Wellbeing Board",
        ["Governance"] = nameof(GovernanceStatus.ApprovedByBoard),
        ["ApprovedDay"] = "17",
        ["ApprovedMonth"] = "12",
        ["ApprovedYear"] = "2020",
    };
}
