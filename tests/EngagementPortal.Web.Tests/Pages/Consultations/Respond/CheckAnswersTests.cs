using System.Net;
using EngagementPortal.Core.Responses;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Web.Tests.Pages.Consultations.Respond;

public sealed class CheckAnswersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Slug = TestConsultations.IntegratingCare;
    private static readonly string CheckUrl = Journey.Url(Slug, "check-answers");

    [Fact]
    public async Task Get_WithAStepNotDone_GoesToThatStep()
    {
        var browser = Journey.NewBrowser(factory);
        await browser.SubmitToAsync(Journey.Url(Slug, "about-you"), Journey.Url(Slug, "questions/1"), f => f.Set("RespondentType", "Individual"));

        var response = await browser.Client.GetAsync(CheckUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Journey.Url(Slug, "questions/1"), response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_Complete_ShowsEveryAnswerWithAChangeLinkToEveryStep()
    {
        var browser = Journey.NewBrowser(factory);
        await Journey.ToCheckAnswersAsync(browser, Slug, aboutYou: f => f.Set("RespondentType", "Organisation").Set("OrganisationName", "Healthwatch North Yorkshire").Set("Role", "Manager").Set("PostcodeDistrict", "YO1"));

        var page = await browser.GetPageAsync(CheckUrl);

        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("Healthwatch North Yorkshire", text, StringComparison.Ordinal);
        Assert.Contains("YO1", text, StringComparison.Ordinal);
        Assert.Contains("Strongly agree", text, StringComparison.Ordinal);
        Assert.Contains("Publish my response anonymously", text, StringComparison.Ordinal);
        var changes = page.QuerySelectorAll(".nhsuk-summary-list__actions a").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        foreach (var step in new[] { "about-you", "questions/1", "questions/2", "questions/3", "questions/4", "equality", "publishing" })
        {
            Assert.Contains(Journey.Url(Slug, step) + "?change=true", changes);
        }
    }

    [Fact]
    public async Task ChangeLink_AfterSaving_ReturnsToCheckAnswersWithTheNewAnswer()
    {
        var browser = Journey.NewBrowser(factory);
        await Journey.ToCheckAnswersAsync(browser, Slug);
        var change = Journey.Url(Slug, "questions/3") + "?change=true";

        var back = (await browser.GetPageAsync(change)).QuerySelector(".nhsuk-back-link__link")!.GetAttribute("href");
        await browser.SubmitToAsync(change, CheckUrl, f => f.Set(f.RadioGroups[0], "Strongly disagree"));

        Assert.Equal(CheckUrl, back);
        Assert.Contains("Strongly disagree", (await browser.GetPageAsync(CheckUrl)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_StoresOneResponseWithAnswersEqualityApartAndTheReceiptInTheOutbox()
    {
        var browser = Journey.NewBrowser(factory);
        await Journey.ToCheckAnswersAsync(
            browser,
            Slug,
            aboutYou: f => f.Set("RespondentType", "Individual").Set("Email", "receipt@example.com").Set("PostcodeDistrict", "HU17"),
            questions: f => { Journey.ChooseFirstOfEach(f); f.Set(f.Page.QuerySelector("main form textarea")!.GetAttribute("name")!, "Joined-up care"); },
            equality: f => f.Set("AgeBand", "35 to 44").Set("Ethnicity", "Prefer not to say"));

        var reference = await Journey.SubmitAsync(browser, Slug);

        Assert.Matches("^ICS-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$", reference);
        Assert.True(ResponseReference.Parse(reference, "ICS").Succeeded);
        var stored = await Db.QueryAsync(factory, db => db.Responses.Include(r => r.Answers).SingleAsync(r => r.Reference == reference));
        Assert.Equal(ResponseChannel.Online, stored.Channel);
        Assert.Equal(ModerationState.None, stored.ModerationState);
        Assert.Equal("HU17", stored.PostcodeDistrict);
        Assert.Equal(PublishingConsent.PublishAnonymously, stored.PublishingConsent);
        Assert.Equal(8, stored.Answers.Count); // four choices and four explanations
        Assert.Equal(4, stored.Answers.Count(a => a.Text == "Joined-up care" && a.Choice is null));
        Assert.Equal(4, stored.Answers.Count(a => a.Choice == "Strongly agree" && a.Text is null));
        var equality = await Db.QueryAsync(factory, db => db.EqualityMonitoring.Where(e => e.ConsultationId == stored.ConsultationId && e.AgeBand == "35 to 44").ToListAsync());
        Assert.Equal("Prefer not to say", Assert.Single(equality).Ethnicity);
        var receipt = await Db.QueryAsync(factory, db => db.OutboxMessages.SingleAsync(m => m.CorrelationId == reference));
        Assert.Equal("response-receipt", receipt.Kind);
        Assert.Equal("receipt@example.com", receipt.To);
        Assert.Contains(reference, receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains("Joined-up care", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains("What happens next", receipt.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithoutEmail_QueuesNoReceipt()
    {
        var browser = Journey.NewBrowser(factory);
        await Journey.ToCheckAnswersAsync(browser, Slug, aboutYou: f => f.Set("RespondentType", "Individual"));

        var reference = await Journey.SubmitAsync(browser, Slug);

        Assert.False(await Db.QueryAsync(factory, db => db.OutboxMessages.AnyAsync(m => m.CorrelationId == reference)));
    }

    [Fact]
    public async Task Confirmation_ShowsTheReferenceInAPanelAndWhatHappensNext()
    {
        var browser = Journey.NewBrowser(factory);
        await Journey.ToCheckAnswersAsync(browser, Slug);
        var reference = await Journey.SubmitAsync(browser, Slug);

        var page = await browser.GetPageAsync(Journey.Url(Slug, "confirmation"));

        Assert.Equal("Response sent", page.QuerySelector(".nhsuk-panel h1")!.TextContent);
        Assert.Equal(reference, page.QuerySelector(".nhsuk-panel #reference")!.TextContent);
        Assert.Equal("What happens next", page.QuerySelectorAll("main h2").First().TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/your-response']"));
    }

    [Fact]
    public async Task Submit_TwiceInARow_GivesOneResponseAndTheSameReference()
    {
        var browser = Journey.NewBrowser(factory);
        await Journey.ToCheckAnswersAsync(browser, Slug);
        var page = await browser.GetPageAsync(CheckUrl);
        var form = Form.Read(page, CheckUrl);
        var before = await Db.ResponseCountAsync(factory);

        var first = await browser.Client.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields));
        var second = await browser.Client.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields));

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal(Journey.Url(Slug, "confirmation"), second.Headers.Location?.OriginalString);
        Assert.Equal(before + 1, await Db.ResponseCountAsync(factory));
    }

    [Fact]
    public async Task Submit_ManyAtOnceFromTwoTabs_GivesOneResponseAndEveryTabTheSameReference()
    {
        var browser = Journey.NewBrowser(factory);
        await Journey.ToCheckAnswersAsync(browser, Slug);
        var form = Form.Read(await browser.GetPageAsync(CheckUrl), CheckUrl);
        var before = await Db.ResponseCountAsync(factory);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => browser.Client.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        Assert.Equal(before + 1, await Db.ResponseCountAsync(factory));
        var reference = (await browser.GetPageAsync(Journey.Url(Slug, "confirmation"))).QuerySelector("#reference")!.TextContent;
        Assert.True(await Db.QueryAsync(factory, db => db.Responses.AnyAsync(r => r.Reference == reference)));
    }

    [Fact]
    public async Task BackAfterSubmitting_AnyStepGoesToTheConfirmation()
    {
        var browser = Journey.NewBrowser(factory);
        await Journey.ToCheckAnswersAsync(browser, Slug);
        await Journey.SubmitAsync(browser, Slug);

        foreach (var step in new[] { "check-answers", "publishing", "questions/2", "about-you" })
        {
            var response = await browser.Client.GetAsync(Journey.Url(Slug, step));
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            Assert.Equal(Journey.Url(Slug, "confirmation"), response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task SendAnotherResponse_StartsAFreshJourney()
    {
        var browser = Journey.NewBrowser(factory);
        await Journey.ToCheckAnswersAsync(browser, Slug);
        await Journey.SubmitAsync(browser, Slug);

        var restart = await browser.SubmitAsync(Journey.Url(Slug, "confirmation"));
        Assert.Equal(HttpStatusCode.SeeOther, restart.StatusCode);
        var page = await browser.GetPageAsync(Journey.Url(Slug, "about-you"));

        Assert.Null(page.QuerySelector("input[name=RespondentType][checked]"));
    }
}
