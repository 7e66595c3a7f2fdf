using System.Net;
using AngleSharp.Html.Dom;

namespace EngagementPortal.Web.Tests.Pages.Consultations.Respond;

/// <summary>Drives the portal like a browser without JavaScript: reads a page's form (its fields, what is ticked,
/// the antiforgery token), changes some fields and posts it back to the form's action. Cookies are kept.</summary>
public sealed class Browser(HttpClient client)
{
    public HttpClient Client => client;

    public async Task<IHtmlDocument> GetPageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        Assert.True(expected == response.StatusCode, $"GET {url}: {response.StatusCode}, expected {expected}; Location {response.Headers.Location}");
        return await response.ReadHtmlAsync();
    }

    /// <summary>Gets <paramref name="url"/>, fills its form and posts it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, Action<Form>? fill = null, string? button = null)
    {
        var page = await GetPageAsync(url);
        var form = Form.Read(page, url);
        fill?.Invoke(form);
        if (button is not null)
        {
            form.Set(button, "true");
        }

        return await client.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields));
    }

    /// <summary>Submits and expects a 303 to <paramref name="next"/>.</summary>
    public async Task SubmitToAsync(string url, string next, Action<Form>? fill = null)
    {
        var response = await SubmitAsync(url, fill);
        if (response.StatusCode != HttpStatusCode.SeeOther)
        {
            var html = await response.ReadHtmlAsync();
            var errors = string.Join("; ", html.QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => a.TextContent));
            Assert.Fail($"POST {url}: {response.StatusCode}, expected 303 to {next}. Errors: {errors}");
        }

        Assert.Equal(next, response.Headers.Location?.OriginalString);
    }
}

/// <summary>A form's fields in order, as a browser would send them.</summary>
public sealed class Form
{
    public string Action { get; private set; } = "";

    public List<KeyValuePair<string, string>> Fields { get; } = [];

    public IHtmlDocument Page { get; private set; } = null!;

    /// <summary>Names of the radio groups on the form, in page order.</summary>
    public IReadOnlyList<string> RadioGroups => [.. Page.QuerySelectorAll("main form input[type=radio]").Select(i => i.GetAttribute("name")!).Distinct()];

    public static Form Read(IHtmlDocument page, string url, int index = 0)
    {
        var element = page.QuerySelectorAll("main form").OfType<IHtmlFormElement>().ElementAt(index);
        var form = new Form { Action = string.IsNullOrEmpty(element.GetAttribute("action")) ? url : element.GetAttribute("action")!, Page = page };
        foreach (var field in element.QuerySelectorAll("input, textarea, select"))
        {
            var name = field.GetAttribute("name");
            if (name is null)
            {
                continue;
            }

            switch (field)
            {
                case IHtmlInputElement { Type: "radio" or "checkbox" } box:
                    if (box.IsChecked)
                    {
                        form.Fields.Add(new(name, box.Value));
                    }

                    break;
                case IHtmlInputElement { Type: "submit" }:
                    break;
                case IHtmlInputElement input:
                    form.Fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    form.Fields.Add(new(name, area.Value));
                    break;
            }
        }

        return form;
    }

    public Form Set(string name, string value)
    {
        Fields.RemoveAll(f => f.Key == name);
        Fields.Add(new(name, value));
        return this;
    }

    public Form Add(string name, string value)
    {
        Fields.Add(new(name, value));
        return this;
    }

    public Form Remove(string name)
    {
        Fields.RemoveAll(f => f.Key == name);
        return this;
    }

    public string? Get(string name) => Fields.FirstOrDefault(f => f.Key == name).Value;
}
