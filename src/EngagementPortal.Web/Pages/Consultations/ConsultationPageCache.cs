using EngagementPortal.Core.Consultations;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace EngagementPortal.Web.Pages.Consultations;

/// <summary>
/// The public consultation page is the same for every visitor at a given moment, so its HTML is kept in memory and
/// served from there (docs/adr/0035). The key names everything the page shows that can change: the published
/// version and its content, the demonstration shift, withdrawal, the phase and the days left, all read now with the
/// portal's clock. A change to the consultation, or the clock crossing its opening, closing or a day boundary, gives
/// a new key and the page is rendered afresh, so nothing needs evicting by hand. Signed-in people, previews, any
/// other query and any response that is not a plain 200 without cookies are never stored or served from here.
/// </summary>
public sealed class ConsultationPageCache : IOutputCachePolicy
{
    public const string PolicyName = "consultation-page";

    /// <summary>Old keys are never asked for again once the page changes; this only bounds how long they linger.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var attempt = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && http.User.Identity?.IsAuthenticated != true
            && !request.QueryString.HasValue
            && request.RouteValues["slug"] is string slug
            && await PageKeyAsync(http, slug, cancellationToken) is { } key
            && context.CacheVaryByRules.VaryByValues.TryAdd("page", key);

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = attempt;
        context.AllowCacheStorage = attempt;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Lifetime;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>What the page shows now, as one string; null when there is no page to keep (the page answers 404).</summary>
    private static async Task<string?> PageKeyAsync(HttpContext http, string slug, CancellationToken cancellationToken)
    {
        var version = await http.RequestServices.GetRequiredService<ConsultationQueries>().FindForDisplayAsync(slug, cancellationToken);
        return version is null
            ? null
            : $"{version.Id:N}|{version.ContentHash}|{version.DemoShiftDays}|{ConsultationView.MomentOf(version, http.RequestServices.GetRequiredService<TimeProvider>())}";
    }
}
