using EngagementPortal.Core.Data;
using EngagementPortal.TestCommon.Umbraco;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Webhooks;

/// <summary>The portal with Umbraco as its content source, pointed at a local Delivery API stand-in.</summary>
public static class UmbracoPortal
{
    public const string Secret = "webhook-secret-for-tests-0123456789";

    public static Dictionary<string, string?> Settings(Uri baseUrl, params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Content:Source"] = "UmbracoDelivery",
            ["Content:Umbraco:BaseUrl"] = baseUrl.ToString(),
            ["Content:Umbraco:ApiKey"] = DeliveryApiFixtureServer.ApiKey,
            ["Content:Umbraco:StartItem"] = DeliveryApiFixtureServer.StartItemPath,
            ["Content:Umbraco:WebhookSecret"] = Secret,
            ["Content:Umbraco:RequestTimeout"] = "00:00:10",
            ["Jobs:Enabled"] = "false", // no sync at start, so a test sees what its webhook call did
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static PortalFactory Factory(Uri baseUrl, params (string Key, string? Value)[] more)
    {
        var factory = new PortalFactory();
        foreach (var (key, value) in Settings(baseUrl, more))
        {
            factory.Settings[key] = value;
        }

        return factory;
    }

    public static PortalDbContext CreateDbContext(this PortalFactory factory) =>
        factory.Services.CreateScope().ServiceProvider.GetRequiredService<PortalDbContext>();

    public static async Task<HttpResponseMessage> PostWebhookAsync(HttpClient client, string webhookEvent, string body, string? secret = Secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/umbraco")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Umb-Webhook-Event", webhookEvent);
        request.Headers.Add("Umb-Webhook-RetryCount", "0");
        request.Headers.UserAgent.ParseAdd("Umbraco-Cms/17.0.0");
        if (secret is not null)
        {
            request.Headers.Add("X-Portal-Webhook-Secret", secret);
        }

        return await client.SendAsync(request);
    }
}
