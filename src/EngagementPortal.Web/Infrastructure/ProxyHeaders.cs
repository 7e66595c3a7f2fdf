using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Infrastructure;

/// <summary>
/// Which reverse proxies may tell the portal who the client is (section <c>ForwardedHeaders</c>). Off by default:
/// with no proxy listed, X-Forwarded-For is ignored, since anyone could send it. Behind a proxy, list it, or the
/// per-address rate limit sees one address (the proxy's) for everybody.
/// </summary>
public sealed class ProxyHeaderOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies in front of the portal, such as 10.0.0.4.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR form, such as 10.0.0.0/24.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a chain are believed, from the nearest (X-Forwarded-For entries read from the right).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

public sealed class ProxyHeaderOptionsValidation : IValidateOptions<ProxyHeaderOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyHeaderOptions options)
    {
        var failures = new List<string>();
        failures.AddRange(options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)).Select(p => $"ForwardedHeaders:KnownProxies has '{p}', which is not an IP address."));
        failures.AddRange(options.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)).Select(n => $"ForwardedHeaders:KnownNetworks has '{n}', which is not a network in CIDR form (like 10.0.0.0/24)."));
        if (options.ForwardLimit is < 1 or > 10)
        {
            failures.Add("ForwardedHeaders:ForwardLimit must be between 1 and 10.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public static class ProxyHeaders
{
    public static IServiceCollection AddPortalProxyHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProxyHeaderOptions>().Bind(configuration.GetSection(ProxyHeaderOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxyHeaderOptions>, ProxyHeaderOptionsValidation>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyHeaderOptions>>((forwarded, configured) =>
        {
            var proxies = configured.Value;
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = proxies.ForwardLimit;

            // Only the listed proxies: the framework's default trusts loopback, which is not what a deployment means.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so the rate limits, the log and HTTPS redirection see the client, not the proxy.</summary>
    public static WebApplication UsePortalProxyHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyHeaderOptions>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
