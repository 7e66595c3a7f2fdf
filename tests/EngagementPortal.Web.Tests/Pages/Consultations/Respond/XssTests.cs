using System.Net;
using AngleSharp.Html.Parser;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Web.Tests.Pages.Consultations.Respond;

/// <summary>Every attack string in the corpus, typed as every kind of answer (organisation, role, free text,
/// explanation, "Other" text for single and multiple choice, published name), comes back inert and shown as text on
/// check answers and on the confirmation page. To keep 327 journeys quick, the steps are posted directly with the
/// antiforgery token read once (the other tests read every form). Rate limits are off here on purpose.</summary>
public sealed class XssTests : IClassFixture<XssTests.Factory>
{
    private const string Slug = TestConsultations.AllTypes;
    private readonly Factory _factory;

    public XssTests(Factory factory)
    {
        _factory = factory;
        TestConsultations.EnsureAllTypesAsync(factory).GetAwaiter().GetResult();
    }

    public sealed class Factory : PortalFactory
    {
        public Factory()
        {
            Settings["RateLimits:Enabled"] = "false";
        }
    }

    [Fact]
    public async Task EveryVector_AsEveryKindOfAnswer_RendersInertOnCheckAnswersAndConfirmation()
    {
        var browser = Journey.NewBrowser(_factory);
        var token = (await browser.GetPageAsync(Journey.Url(Slug, "about-you"))).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var failures = new List<string>();
        foreach (var vector in Repository.XssVectors)
        {
            var name = vector.Length > 200 ? vector[..200] : vector;
            var aboutYou = await PostAsync(browser, "about-you", token, ("RespondentType", "Organisation"), ("OrganisationName", name), ("Role", name));
            if (vector.Contains('\0', StringComparison.Ordinal))
            {
                // ASP.NET Core refuses a form carrying NUL before any page sees it: nothing is stored to render.
                Assert.Equal(HttpStatusCode.BadRequest, aboutYou.StatusCode);
                continue;
            }

            Expect(aboutYou, "questions/1", vector);
            Expect(await PostAsync(browser, "questions/1", token, ("q-ft", vector), ("q-ad", "Agree"), ("q-ad-explain", vector), ("q-sc", "Other"), ("q-sc-other", vector), ("q-mc", "Other, please specify"), ("q-mc-other", vector), ("q-yn", "Yes"), ("q-yn-explain", vector)), "questions/2", vector);
            Expect(await PostAsync(browser, "questions/2", token, ("q-last", vector)), "equality", vector);
            Expect(await PostAsync(browser, "equality", token), "publishing", vector);
            Expect(await PostAsync(browser, "publishing", token, ("Publishing", "PublishWithName"), ("PublishedName", name)), "check-answers", vector);

            var checkAnswers = await (await browser.Client.GetAsync(Journey.Url(Slug, "check-answers"))).Content.ReadAsStringAsync();
            Expect(await PostAsync(browser, "check-answers", token), "confirmation", vector);
            var confirmation = await (await browser.Client.GetAsync(Journey.Url(Slug, "confirmation"))).Content.ReadAsStringAsync();

            foreach (var (page, html) in new[] { ("check answers", checkAnswers), ("confirmation", confirmation) })
            {
                // Answers render inside <main>; the layout's own nonce-bearing scripts are outside it.
                var main = new HtmlParser().ParseDocument(html).QuerySelector("main")!;
                var problems = InertHtml.Problems(main.OuterHtml);
                if (problems.Count > 0)
                {
                    failures.Add($"{page}: {vector}: {string.Join(", ", problems)}");
                }

                if (!vector.Any(char.IsControl) && !main.TextContent.Contains(vector.Trim(), StringComparison.Ordinal))
                {
                    failures.Add($"{page}: {vector}: not shown back as text");
                }
            }

            var restart = await browser.Client.PostAsync(Journey.Url(Slug) + "?handler=restart", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.SeeOther, restart.StatusCode);
        }

        Assert.Empty(failures);
    }

    private static Task<HttpResponseMessage> PostAsync(Browser browser, string step, string token, params (string Name, string Value)[] fields) =>
        browser.Client.PostAsync(Journey.Url(Slug, step), new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));

    private static void Expect(HttpResponseMessage response, string step, string vector)
    {
        if (response.StatusCode != HttpStatusCode.SeeOther || response.Headers.Location?.OriginalString != Journey.Url(Slug, step))
        {
            Assert.Fail($"Expected 303 to {step} with vector {System.Text.Json.JsonSerializer.Serialize(vector)}; got {response.StatusCode} {response.Headers.Location}");
        }
    }
}
