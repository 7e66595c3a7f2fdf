using AngleSharp.Html.Dom;

namespace EngagementPortal.Web.Tests.Pages.BackOffice;

/// <summary>Posts a form as the browser would: its own action, its hidden fields and its antiforgery token.</summary>
public static class Forms
{
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlFormElement form)
    {
        var fields = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Name is not null).Select(i => new KeyValuePair<string, string>(i.Name!, i.Value));
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(form.Action, UriKind.RelativeOrAbsolute), content);
    }
}
