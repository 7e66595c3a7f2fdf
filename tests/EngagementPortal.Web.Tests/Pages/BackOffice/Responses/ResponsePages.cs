using AngleSharp.Html.Dom;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Responses;
using EngagementPortal.Web.Tests.Pages.Consultations.Respond;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Responses;

/// <summary>Responses for the back-office pages to show, written to the database of the "all types" consultation.</summary>
public static class ResponsePages
{
    private static int _sequence = 1_000;

    public static async Task<Guid> ConsultationAsync(PortalFactory factory)
    {
        await TestConsultations.EnsureAllTypesAsync(factory);
        return await Db.QueryAsync(factory, db => db.Consultations.Where(c => c.Slug == TestConsultations.AllTypes).Select(c => c.Id).SingleAsync());
    }

    public static string ListUrl(Guid consultationId) => $"/backoffice/consultations/{consultationId}/responses";

    public static async Task<Response> AddAsync(PortalFactory factory, Action<Response>? change = null, params (string Key, string? Choice, string? Text)[] answers)
    {
        var consultationId = await ConsultationAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var versionId = await db.ConsultationVersions.Where(v => v.ConsultationId == consultationId).Select(v => v.Id).SingleAsync();
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var response = new Response
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultationId,
            ConsultationVersionId = versionId,
            Reference = ResponseReference.Format("ICS", Interlocked.Increment(ref _sequence)),
            IdempotencyKey = "web-test-" + Guid.NewGuid().ToString("N"),
            RespondentType = RespondentType.Individual,
            PublishingConsent = PublishingConsent.DoNotPublish,
            SubmittedUtc = now,
            UpdatedUtc = now,
        };
        change?.Invoke(response);
        foreach (var (key, choice, text) in answers)
        {
            response.Answers.Add(new ResponseAnswer { ResponseId = response.Id, ConsultationId = consultationId, QuestionKey = key, Choice = choice, Text = text });
        }

        db.Responses.Add(response);
        await db.SaveChangesAsync();
        return response;
    }

    /// <summary>GETs the page for its antiforgery token, then POSTs the fields (a name may repeat) to <paramref name="action"/> or the page.</summary>
    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, string url, IEnumerable<(string Name, string Value)> fields, string? action = null)
    {
        var page = await (await client.GetAsync(url)).ReadHtmlAsync();
        var token = ((IHtmlInputElement)page.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        return await client.PostAsync(action ?? url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));
    }

    public static async Task<IReadOnlyList<string>> ErrorSummaryAsync(HttpResponseMessage response) =>
        [.. (await response.ReadHtmlAsync()).QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => a.TextContent.Trim())];
}
