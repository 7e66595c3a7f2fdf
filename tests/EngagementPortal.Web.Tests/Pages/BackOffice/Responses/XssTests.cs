using System.Net;
using AngleSharp.Html.Parser;
using EngagementPortal.Core.Accounts;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Responses;

/// <summary>Every attack string in the corpus, keyed in by an officer as a free-text answer, an "Other" text, an
/// explanation and an organisation name, is shown inert (and as text) in the response list and on the response page.
/// The antiforgery token is read once to keep 327 submissions quick.</summary>
public sealed class XssTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task EveryVector_KeyedInAsAnswers_RendersInertInTheListAndOnTheResponsePage()
    {
        var consultationId = await ResponsePages.ConsultationAsync(factory);
        var list = ResponsePages.ListUrl(consultationId);
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        var form = await (await client.GetAsync(list + "/new")).ReadHtmlAsync();
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var failures = new List<string>();
        foreach (var vector in Repository.XssVectors)
        {
            var name = vector.Length > 200 ? vector[..200] : vector;
            var post = await client.PostAsync(list + "/new", new FormUrlEncodedContent(
            [
                new("__RequestVerificationToken", token), new("EntryKey", Guid.NewGuid().ToString()), new("Channel", "Email"), new("ReceivedOn", "2020-11-30"),
                new("RespondentType", "Organisation"), new("OrganisationName", name), new("Role", name),
                new("q-ft", vector), new("q-sc", "Other"), new("q-sc-other", vector), new("q-ad", "Agree"), new("q-ad-explain", vector),
            ]));
            if (vector.Contains('\0', StringComparison.Ordinal))
            {
                // ASP.NET Core refuses a form carrying NUL before any page sees it: nothing is stored to render.
                Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
                continue;
            }

            if (post.StatusCode != HttpStatusCode.Redirect)
            {
                failures.Add($"not entered ({(int)post.StatusCode}): {vector}");
                continue;
            }

            // The redirect filters the list to the new reference: the list row, then the response page.
            var listHtml = await (await client.GetAsync(post.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();
            var listMain = new HtmlParser().ParseDocument(listHtml).QuerySelector("main")!;
            var link = listMain.QuerySelector("tbody a")!.GetAttribute("href")!;
            var pageMain = new HtmlParser().ParseDocument(await (await client.GetAsync(link)).Content.ReadAsStringAsync()).QuerySelector("main")!;
            foreach (var (page, main, shown) in new[] { ("list", listMain, IndexModelExcerpt(vector)), ("response page", pageMain, vector.Trim()) })
            {
                var problems = InertHtml.Problems(main.OuterHtml);
                if (problems.Count > 0)
                {
                    failures.Add($"{page}: {vector}: {string.Join(", ", problems)}");
                }

                if (!vector.Any(char.IsControl) && !main.TextContent.Contains(shown, StringComparison.Ordinal))
                {
                    failures.Add($"{page}: {vector}: not shown back as text");
                }
            }
        }

        Assert.Empty(failures);
    }

    private static string IndexModelExcerpt(string vector) => Web.Pages.BackOffice.Responses.IndexModel.Excerpt(vector.Trim())!.TrimEnd('…');
}
