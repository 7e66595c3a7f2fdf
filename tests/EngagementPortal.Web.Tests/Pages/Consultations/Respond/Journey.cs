using System.Net;

namespace EngagementPortal.Web.Tests.Pages.Consultations.Respond;

/// <summary>Walks a whole journey through the real pages, step by step, as a person would.</summary>
public static class Journey
{
    public static string Url(string slug, string step = "") => $"/consultations/{slug}/respond" + (step.Length == 0 ? "" : "/" + step);

    public static Browser NewBrowser(PortalFactory factory) => new(factory.CreatePortalClient());

    /// <summary>From the start to check answers. Defaults: an individual with an email, the first option of every
    /// radio group, equality skipped, publish anonymously.</summary>
    public static async Task ToCheckAnswersAsync(
        Browser browser,
        string slug,
        Action<Form>? aboutYou = null,
        Action<Form>? questions = null,
        Action<Form>? equality = null,
        Action<Form>? publishing = null)
    {
        var start = await browser.Client.GetAsync(Url(slug));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal(Url(slug, "about-you"), start.Headers.Location?.OriginalString);

        var next = await PostAsync(browser, Url(slug, "about-you"), aboutYou ?? (f => f.Set("RespondentType", "Individual").Set("Email", "resident@example.com")));
        while (next.Contains("/questions/", StringComparison.Ordinal))
        {
            next = await PostAsync(browser, next, questions ?? ChooseFirstOfEach);
        }

        Assert.Equal(Url(slug, "equality"), next);
        next = await PostAsync(browser, next, equality);
        Assert.Equal(Url(slug, "publishing"), next);
        next = await PostAsync(browser, next, publishing ?? (f => f.Set("Publishing", "PublishAnonymously")));
        Assert.Equal(Url(slug, "check-answers"), next);
    }

    /// <summary>Sends the response from check answers and returns the reference on the confirmation page.</summary>
    public static async Task<string> SubmitAsync(Browser browser, string slug)
    {
        await browser.SubmitToAsync(Url(slug, "check-answers"), Url(slug, "confirmation"));
        var confirmation = await browser.GetPageAsync(Url(slug, "confirmation"));
        return confirmation.QuerySelector(".nhsuk-panel #reference")!.TextContent.Trim();
    }

    public static void ChooseFirstOfEach(Form form)
    {
        foreach (var group in form.RadioGroups)
        {
            if (form.Get(group) is null)
            {
                form.Set(group, form.Page.QuerySelector($"main form input[type=radio][name='{group}']")!.GetAttribute("value")!);
            }
        }
    }

    private static async Task<string> PostAsync(Browser browser, string url, Action<Form>? fill)
    {
        var response = await browser.SubmitAsync(url, fill);
        if (response.StatusCode != HttpStatusCode.SeeOther)
        {
            var html = await response.ReadHtmlAsync();
            Assert.Fail($"POST {url}: {response.StatusCode}. Errors: {string.Join("; ", html.QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => a.TextContent))}");
        }

        return response.Headers.Location!.OriginalString;
    }
}
