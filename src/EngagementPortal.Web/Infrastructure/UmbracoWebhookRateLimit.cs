using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Infrastructure;

/// <summary>Limits for <c>POST /webhooks/umbraco</c> (<c>RateLimits:UmbracoWebhook:*</c>): generous for an editor
/// publishing in bulk, small enough that guessing the secret gets nowhere.</summary>
public sealed class UmbracoWebhookRateLimitOptions
{
    public const string Section = "RateLimits:UmbracoWebhook";

    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 120;

    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// The webhook's named rate-limit policy, added to ASP.NET Core's rate limiter: one fixed window per calling address.
/// Kept apart from the public pages' limits so both can register their policies with the same limiter.
/// </summary>
public static class UmbracoWebhookRateLimit
{
    public const string PolicyName = "umbraco-webhook";

    public static IServiceCollection AddUmbracoWebhookRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UmbracoWebhookRateLimitOptions>().Bind(configuration.GetSection(UmbracoWebhookRateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            // The rejection response (status, Retry-After, problem body) is set once for every policy in RateLimits.
            options.AddPolicy(PolicyName, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<UmbracoWebhookRateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PermitLimit,
                        Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                        QueueLimit = 0,
                    });
            });
        });
        return services;
    }
}
