using System.Net;
using AngleSharp.Html.Dom;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Web.Tests.Pages.Consultations.Respond;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Consultations;

/// <summary>"Other, please specify" in the question builder: stored as the question's last option, which the
/// journey recognises, so the public get a text box and both the tick and the text are kept.</summary>
public sealed class OtherOptionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(HttpClient Client, Guid Id, string Slug)> CreateAsync()
    {
        factory.Time.SetUtcNow(new DateTimeOffset(2020, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var slug = "other-" + Guid.NewGuid().ToString("N")[..8];
        var created = await client.PostFormAsync("/backoffice/consultations/new", new()
        {
            ["Form.Title"] = "Where you get care",
            ["Form.Slug"] = slug,
            ["Form.Summary"] = "Which services people use.",
            ["Form.Body"] = "Tell us.",
            ["Form.OpensDay"] = "26",
            ["Form.OpensMonth"] = "11",
            ["Form.OpensYear"] = "2020",
            ["Form.ClosesDay"] = "8",
            ["Form.ClosesMonth"] = "1",
            ["Form.ClosesYear"] = "2021",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return (client, Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[3]), slug);
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, Guid id, string type, string options, bool offerOther, string? edit = null)
    {
        var fields = new Dictionary<string, string> { ["Text"] = "Which services do you use?", ["Type"] = type, ["Options"] = options };
        if (offerOther)
        {
            fields["OfferOther"] = "true";
        }

        if (edit is not null)
        {
            fields["edit"] = edit;
        }

        return client.PostFormAsync($"/backoffice/consultations/{id}/questions", fields, action: $"/backoffice/consultations/{id}/questions?handler=Save");
    }

    private async Task<Question> QuestionAsync(Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return (await db.ConsultationVersions.AsNoTracking().Where(v => v.ConsultationId == id).OrderByDescending(v => v.Number).FirstAsync()).Questions.Single();
    }

    [Fact]
    public async Task TypedOtherOption_IsRefused_WithTheWayToDoIt()
    {
        var (client, id, _) = await CreateAsync();

        var response = await SaveAsync(client, id, "SingleChoice", "GP\nPharmacy\nOther (please say)", offerOther: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadHtmlAsync();
        Assert.Equal(["#options"], html.QuerySelectorAll(".nhsuk-error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Contains("tick \u201cOffer Other, please specify\u201d instead", html.QuerySelector(".nhsuk-error-summary a")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("GP\nPharmacy\nOther (please say)", ((IHtmlTextAreaElement)html.QuerySelector("#options")!).Value);
    }

    [Fact]
    public async Task OfferOther_AddsTheLastOption_EditShowsItTicked_AndKeepsItsWording()
    {
        var (client, id, _) = await CreateAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, id, "MultipleChoice", "GP\nPharmacy", offerOther: true)).StatusCode);
        var question = await QuestionAsync(id);
        var edit = await (await client.GetAsync($"/backoffice/consultations/{id}/questions?edit={question.Key}")).ReadHtmlAsync();
        await SaveAsync(client, id, "MultipleChoice", "GP\nPharmacy\nDentist", offerOther: true, edit: question.Key);

        Assert.Equal(["GP", "Pharmacy", Question.OtherOption], question.Options);
        Assert.True(((IHtmlInputElement)edit.QuerySelector("#offerother")!).IsChecked);
        Assert.Equal("GP\nPharmacy", ((IHtmlTextAreaElement)edit.QuerySelector("#options")!).Value);
        Assert.Equal(["GP", "Pharmacy", "Dentist", Question.OtherOption], (await QuestionAsync(id)).Options);
    }

    [Fact]
    public async Task OfferOther_OnAPublishedSingleChoice_GivesThePublicATextBox_AndKeepsBothTickAndText()
    {
        var (client, id, slug) = await CreateAsync();
        await SaveAsync(client, id, "SingleChoice", "GP\nPharmacy", offerOther: true);
        var key = (await QuestionAsync(id)).Key;
        var published = await client.PostFormAsync($"/backoffice/consultations/{id}", new() { ["PublishAtDate"] = "", ["UnpublishAtDate"] = "" }, action: $"/backoffice/consultations/{id}?handler=Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var browser = Journey.NewBrowser(factory);
        await Journey.ToCheckAnswersAsync(browser, slug, questions: f => f.Set("q-" + key, Question.OtherOption).Set("q-" + key + "-other", "Walk-in centre"));
        var reference = await Journey.SubmitAsync(browser, slug);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var answer = await db.ResponseAnswers.SingleAsync(a => a.QuestionKey == key && db.Responses.Any(r => r.Id == a.ResponseId && r.Reference == reference));
        Assert.Equal((Question.OtherOption, "Walk-in centre"), (answer.Choice, answer.Text));
    }
}
