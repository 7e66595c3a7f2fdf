using System.Net;
using AngleSharp.Html.Dom;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Partners;
using EngagementPortal.Core.Responses;
using EngagementPortal.Web.Tests.Pages.Consultations.Respond;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.Partners;

/// <summary>The partner draft form handles every kind of question the public journey does, with the journey's rules:
/// the agree scale, single choice and multiple choice with "Other, please specify" (tick and text both kept), yes/no,
/// free text with its limit, and the follow-up explanation. A refused save keeps everything typed.</summary>
public sealed class QuestionTypesTests : IDisposable
{
    private readonly PortalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static string Id(Core.Consultations.Question question) => ResponseRules.FieldId(question.Key);

    private static string Other(Core.Consultations.Question question) => ResponseRules.OtherFieldId(question.Key);

    private static string Explain(Core.Consultations.Question question) => ResponseRules.FieldId(question.ExplanationKey);

    /// <summary>An organisation invited to the every-kind-of-question consultation, with one contributor.</summary>
    private async Task<(Contributor Contributor, Guid SubmissionId)> InvitedToAllTypesAsync(string organisation)
    {
        await TestConsultations.EnsureAllTypesAsync(_factory);
        Guid consultationId;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            consultationId = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Consultations.Where(c => c.Slug == TestConsultations.AllTypes).Select(c => c.Id).SingleAsync();
        }

        var organisationId = await _factory.CreateOrganisationAsync(organisation);
        var token = await _factory.InviteAsync(organisationId, $"drafter-{Guid.NewGuid():N}@example.org", consultationId);
        var contributor = await _factory.JoinAsync(token, "Nia Drafter");
        return (contributor, (await _factory.SubmissionAsync(organisationId)).Id);
    }

    /// <summary>Posts the draft form as loaded, with these fields (a name may repeat, as ticked checkboxes do).</summary>
    private static async Task<HttpResponseMessage> SaveAsync(Contributor contributor, Guid id, params (string Name, string Value)[] fields)
    {
        var (form, token) = await contributor.Client.DraftFormAsync(id);
        return await PostAsync(contributor, id, form["Version"], token, fields);
    }

    private static Task<HttpResponseMessage> PostAsync(Contributor contributor, Guid id, string version, string token, params (string Name, string Value)[] fields)
    {
        var body = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("Version", version), new("next", "stay") };
        body.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return contributor.Client.PostAsync($"/partners/submissions/{id}", new FormUrlEncodedContent(body));
    }

    private static IEnumerable<string> Checked(IHtmlDocument html, string name) =>
        html.QuerySelectorAll($"input[name='{name}']").OfType<IHtmlInputElement>().Where(i => i.IsChecked).Select(i => i.Value);

    private static string? ValueOf(IHtmlDocument html, string name) =>
        html.QuerySelector($"[name='{name}']") switch
        {
            IHtmlTextAreaElement area => area.Value,
            IHtmlInputElement input => input.Value,
            _ => null,
        };

    [Fact]
    public async Task EveryKindOfQuestion_IsSavedAsTheJourneyStoresItAndShownAgain()
    {
        var (contributor, id) = await InvitedToAllTypesAsync("Every Kind Trust");

        var saved = await SaveAsync(contributor, id,
            (Id(TestConsultations.FreeText), "Shorter waits for community services."),
            (Id(TestConsultations.Agree), "Strongly agree"),
            (Explain(TestConsultations.Agree), "Subject to funding."),
            (Id(TestConsultations.Single), "Other"),
            (Other(TestConsultations.Single), "NHS 111 online"),
            (Id(TestConsultations.Multiple), "GP"),
            (Id(TestConsultations.Multiple), "Other, please specify"),
            (Other(TestConsultations.Multiple), "Community pharmacy"),
            (Id(TestConsultations.YesNo), "Yes"),
            (Explain(TestConsultations.YesNo), "Our respiratory virtual ward."),
            ("OverallPosition", "We support the proposals."));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var answers = (await _factory.SubmissionAsync(contributor.OrganisationId)).Answers.ToDictionary(a => a.Key);
        Assert.Equal("Shorter waits for community services.", answers["ft"].Text);
        Assert.Equal("Strongly agree", answers["ad"].Choice);
        Assert.Equal("Subject to funding.", answers[TestConsultations.Agree.ExplanationAnswerKey].Text);
        Assert.Equal(("Other", "NHS 111 online"), (answers["sc"].Choice, answers["sc"].Text));
        Assert.Equal(["GP", "Other, please specify"], answers["mc"].Choices);
        Assert.Equal("Community pharmacy", answers["mc"].Text);
        Assert.Equal("Yes", answers["yn"].Choice);
        Assert.Equal("Our respiratory virtual ward.", answers[TestConsultations.YesNo.ExplanationAnswerKey].Text);

        var html = await (await contributor.Client.GetAsync($"/partners/submissions/{id}")).ReadHtmlAsync();
        Assert.Equal("Shorter waits for community services.", ValueOf(html, Id(TestConsultations.FreeText)));
        Assert.Equal(["Strongly agree"], Checked(html, Id(TestConsultations.Agree)));
        Assert.Equal(["Other"], Checked(html, Id(TestConsultations.Single)));
        Assert.Equal("NHS 111 online", ValueOf(html, Other(TestConsultations.Single)));
        Assert.Equal(["GP", "Other, please specify"], Checked(html, Id(TestConsultations.Multiple)));
        Assert.Equal("Community pharmacy", ValueOf(html, Other(TestConsultations.Multiple)));
        Assert.Equal(["Yes"], Checked(html, Id(TestConsultations.YesNo)));
        Assert.Equal("Our respiratory virtual ward.", ValueOf(html, Explain(TestConsultations.YesNo)));
        Assert.Equal("If you chose \"Other\" for question 4, please specify", html.QuerySelector($"label[for='{Other(TestConsultations.Multiple)}']")!.TextContent);
        Assert.Null(html.QuerySelector($"[name='{Other(TestConsultations.Agree)}']"));

        // Submitted, the responses row holds the answers as a public response would: ticks and "Other" text together.
        Assert.Equal(HttpStatusCode.Redirect, (await contributor.Client.PostFormAsync($"/partners/submissions/{id}/sign-off", PartnerWorld.SignOff())).StatusCode);
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var row = (await db.Responses.Include(r => r.Answers).SingleAsync(r => r.PartnerSubmissionId == id)).Answers.ToDictionary(a => a.QuestionKey);
        Assert.Equal(["GP", "Other, please specify"], row["mc"].Choices);
        Assert.Equal("Community pharmacy", row["mc"].Text);
        Assert.Equal(("Other", "NHS 111 online"), (row["sc"].Choice, row["sc"].Text));
        var receipt = await db.OutboxMessages.SingleAsync(m => m.Kind == PartnerSubmissions.ReceiptKind && m.To == contributor.Email);
        Assert.Contains("GP, Other, please specify; Community pharmacy", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains("Our respiratory virtual ward.", receipt.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherTickedWithoutItsText_IsAClearMessageAndEverythingTypedIsKept()
    {
        var (contributor, id) = await InvitedToAllTypesAsync("Other Without Text Council");

        var response = await SaveAsync(contributor, id,
            (Id(TestConsultations.FreeText), "Kept as typed."),
            (Id(TestConsultations.Multiple), "A&E"),
            (Id(TestConsultations.Multiple), "Other, please specify"),
            (Other(TestConsultations.Multiple), "   "),
            (Id(TestConsultations.YesNo), "No"),
            ("Evidence", "Our survey of 400 residents."));
        var html = await response.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = html.QuerySelector(".nhsuk-error-summary a")!;
        Assert.Equal("Tell us what you mean by \"Other\" for question 4", link.TextContent);
        Assert.Equal("#" + Other(TestConsultations.Multiple), link.GetAttribute("href"));
        Assert.NotNull(html.QuerySelector($"#{Other(TestConsultations.Multiple)}-error"));
        Assert.StartsWith("Error: ", html.Title, StringComparison.Ordinal);
        Assert.Equal(["A&E", "Other, please specify"], Checked(html, Id(TestConsultations.Multiple)));
        Assert.Equal(["No"], Checked(html, Id(TestConsultations.YesNo)));
        Assert.Equal("Kept as typed.", ValueOf(html, Id(TestConsultations.FreeText)));
        Assert.Equal("Our survey of 400 residents.", ValueOf(html, "Evidence"));
        var stored = await _factory.SubmissionAsync(contributor.OrganisationId);
        Assert.Empty(stored.Answers);
        Assert.Null(stored.LastEditedUtc);
    }

    [Fact]
    public async Task FreeTextOverItsLimit_IsAClearMessageAndTheTextIsKept()
    {
        var (contributor, id) = await InvitedToAllTypesAsync("Long Answer Partnership");
        var tooLong = new string('a', TestConsultations.FreeText.MaxLength + 1);

        var response = await SaveAsync(contributor, id, (Id(TestConsultations.FreeText), tooLong), (Id(TestConsultations.Agree), "Agree"));
        var html = await response.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your answer to question 1 must be 10,000 characters or fewer", html.QuerySelector(".nhsuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(tooLong, ValueOf(html, Id(TestConsultations.FreeText)));
        Assert.Equal(["Agree"], Checked(html, Id(TestConsultations.Agree)));
        Assert.Contains("You can enter up to 10,000 characters", html.QuerySelector($"#{Id(TestConsultations.FreeText)}-info")!.TextContent, StringComparison.Ordinal);
        Assert.Empty((await _factory.SubmissionAsync(contributor.OrganisationId)).Answers);
    }

    [Fact]
    public async Task AnswerNotAmongTheOptions_IsRefusedOnThatQuestion()
    {
        var (contributor, id) = await InvitedToAllTypesAsync("Unlisted Answer Board");

        var response = await SaveAsync(contributor, id, (Id(TestConsultations.Single), "Hospital"), (Id(TestConsultations.YesNo), "Yes"), (Id(TestConsultations.YesNo), "No"));
        var html = await response.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = html.QuerySelector(".nhsuk-error-summary")!.TextContent;
        Assert.Contains("Select one of the answers listed for question 3", summary, StringComparison.Ordinal);
        Assert.Empty((await _factory.SubmissionAsync(contributor.OrganisationId)).Answers);
    }

    [Fact]
    public async Task OtherTextWithoutTheTick_IsKeptNotLost()
    {
        var (contributor, id) = await InvitedToAllTypesAsync("Untucked Other Network");

        var saved = await SaveAsync(contributor, id, (Id(TestConsultations.Single), "GP"), (Other(TestConsultations.Single), "and sometimes the walk-in centre"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var answer = (await _factory.SubmissionAsync(contributor.OrganisationId)).Answers.Single(a => a.Key == "sc");
        Assert.Equal(("GP", "and sometimes the walk-in centre"), (answer.Choice, answer.Text));
    }

    [Fact]
    public async Task ColleagueSavedChoicesFirst_ConflictPageShowsBothVersionsOfTheChoicesAndOtherText()
    {
        var (first, id) = await InvitedToAllTypesAsync("Two Drafters Collaborative");
        var second = await _factory.ColleagueOfAsync(first, "Oli Second");
        var (firstForm, firstToken) = await first.Client.DraftFormAsync(id);
        var (secondForm, secondToken) = await second.Client.DraftFormAsync(id);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(first, id, firstForm["Version"], firstToken, (Id(TestConsultations.Multiple), "GP"))).StatusCode);
        var conflict = await PostAsync(second, id, secondForm["Version"], secondToken,
            (Id(TestConsultations.Multiple), "A&E"), (Id(TestConsultations.Multiple), "Other, please specify"), (Other(TestConsultations.Multiple), "Urgent treatment centre"));
        var html = await conflict.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var row = html.QuerySelectorAll("table tr").Single(r => r.QuerySelector("th")!.TextContent == "Question 4");
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal(["GP", "A&E, Other, please specify; Urgent treatment centre"], cells);
        Assert.Equal(["A&E", "Other, please specify"], Checked(html, Id(TestConsultations.Multiple)));
        Assert.Equal("Urgent treatment centre", ValueOf(html, Other(TestConsultations.Multiple)));
        Assert.Equal(["GP"], (await _factory.SubmissionAsync(first.OrganisationId)).Answers.Single(a => a.Key == "mc").Choices);
    }
}
