using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EngagementPortal.Core.Content;
using EngagementPortal.Core.Content.Umbraco;
using EngagementPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/umbraco</c>: Umbraco calls it when a consultation is published or unpublished. Umbraco signs
/// nothing, so the webhook is set up in Umbraco with a custom header <c>X-Portal-Webhook-Secret</c>, compared here in
/// constant time. A publish body (Legacy, Minimal or Extended) is only a hint: the item is read again from the Delivery
/// API by its id. Answers other than 2xx make Umbraco retry, so a failure Umbraco can outlast (unreachable API) is 503.
/// </summary>
public static partial class UmbracoWebhook
{
    public const string Path = "/webhooks/umbraco";
    public const string SecretHeader = "X-Portal-Webhook-Secret";
    public const string EventHeader = "Umb-Webhook-Event";
    public const string PublishEvent = "Umbraco.ContentPublish";
    public const string UnpublishEvent = "Umbraco.ContentUnpublish";

    /// <summary>The Legacy body is a whole content item (about 11 KB for a consultation); nothing needs more.</summary>
    private const long MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapUmbracoWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, HandleAsync)
            .DisableAntiforgery() // a server-to-server call with a shared secret: there is no browser session to forge
            .RequireRateLimiting(UmbracoWebhookRateLimit.PolicyName)
            .WithMetadata(new SkipStatusCodePagesAttribute()); // Umbraco reads status codes, not the HTML error pages

        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, IOptions<ContentOptions> content, IOptions<UmbracoDeliveryOptions> umbraco, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!content.Value.IsUmbraco)
        {
            // With a body, so the status-code pages leave it alone: Umbraco reads the reason in its webhook log.
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Content:Source is not UmbracoDelivery, so this portal takes no Umbraco webhooks.");
        }

        var logger = loggers.CreateLogger(typeof(UmbracoWebhook));
        if (!SecretMatches(context.Request.Headers[SecretHeader], umbraco.Value.WebhookSecret))
        {
            LogRefused(logger, context.Connection.RemoteIpAddress?.ToString());
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The webhook secret is missing or wrong.");
        }

        var webhookEvent = context.Request.Headers[EventHeader].ToString();
        var isPublish = webhookEvent is PublishEvent or "Umbraco.ContentPublished"; // the docs' example spells it with -ed
        var isUnpublish = webhookEvent is UnpublishEvent or "Umbraco.ContentUnpublished";
        if (!isPublish && !isUnpublish)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"{EventHeader} must be {PublishEvent} or {UnpublishEvent}.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        var id = await ReadIdAsync(context.Request, cancellationToken);
        if (id is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a webhook payload with an id.");
        }

        var sync = context.RequestServices.GetRequiredService<UmbracoSync>();
        if (isUnpublish)
        {
            var outcome = await sync.UnpublishAsync(id.Value, cancellationToken);
            return Results.Ok(new { id = id.Value, outcome = outcome.ToString() });
        }

        var result = await sync.SyncPublishedAsync(id.Value, cancellationToken);
        return result.Outcome switch
        {
            _ when result.Succeeded => Results.Ok(new { id = id.Value, outcome = result.Outcome.ToString(), slug = result.Slug }),
            ItemSyncOutcome.Unreadable or ItemSyncOutcome.SlugTaken =>
                Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The item cannot be shown as a consultation.", detail: result.Problem),
            _ => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The item could not be read from the Delivery API.", detail: result.Problem),
        };
    }

    /// <summary>Both sides are hashed first so that neither the comparison nor its length says anything about the secret.</summary>
    internal static bool SecretMatches(string? given, string? expected)
    {
        if (string.IsNullOrEmpty(given) || string.IsNullOrEmpty(expected))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    /// <summary>Every payload type has the item's key as <c>id</c> (<c>Id</c> in Umbraco 13's PascalCase Legacy body).</summary>
    private static async Task<Guid?> ReadIdAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (string.Equals(property.Name, "id", StringComparison.OrdinalIgnoreCase)
                    && property.Value.ValueKind == JsonValueKind.String
                    && Guid.TryParse(property.Value.GetString(), out var id))
                {
                    return id;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (BadHttpRequestException)
        {
            return null; // larger than MaxBodyBytes
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Umbraco webhook refused: wrong or missing secret (from {RemoteAddress})")]
    private static partial void LogRefused(ILogger logger, string? remoteAddress);
}
