using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Infrastructure;

/// <summary>Limits on the public forms (the respond pages and data requests), per journey cookie and per address.
/// The address ceiling is generous because council and NHS staff share a few addresses.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Off only for a benchmark (bench/journey), never in production.</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 100_000)]
    public int JourneyPermitsPerMinute { get; set; } = 60;

    [Range(1, 1_000_000)]
    public int AddressPermitsPerMinute { get; set; } = 1_200;
}

public static class RateLimits
{
    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, configured) =>
        {
            var limits = configured.Value;
            // 429 with an empty body: the status-code pages show /error/429, which says nothing typed was lost.
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!IsPage(context.HttpContext.Request.Path))
                {
                    // Machines (the Umbraco webhook) get a problem body, so the status-code pages do not re-run their POST.
                    await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests: try again later.").ExecuteAsync(context.HttpContext);
                }
            };
            if (!limits.Enabled)
            {
                return;
            }

            var perAddress = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsLimited(context.Request.Path)
                    ? RateLimitPartition.GetFixedWindowLimiter("address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => Window(limits.AddressPermitsPerMinute))
                    : RateLimitPartition.GetNoLimiter("unlimited"));
            var perJourney = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsLimited(context.Request.Path) && JourneyCookie.Read(context.Request) is { Length: > 0 and <= 100 } token
                    ? RateLimitPartition.GetFixedWindowLimiter("journey:" + token, _ => Window(limits.JourneyPermitsPerMinute))
                    : RateLimitPartition.GetNoLimiter("unlimited"));
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(perAddress, perJourney);
        });
        return services;
    }

    private static bool IsPage(PathString path) => !path.StartsWithSegments("/webhooks", StringComparison.OrdinalIgnoreCase);

    /// <summary>The respond pages of any consultation, and the data request page.</summary>
    public static bool IsLimited(PathString path)
    {
        var value = path.Value ?? "";
        if (value.StartsWith("/your-response", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var segments = value.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 3
            && segments[0].Equals("consultations", StringComparison.OrdinalIgnoreCase)
            && segments[2].Equals("respond", StringComparison.OrdinalIgnoreCase);
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
