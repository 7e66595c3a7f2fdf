using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Infrastructure;

/// <summary>The portal as a proxy's TCP peer: a header set by the test (X-Test-Peer) stands for the address the
/// connection comes from, which TestServer otherwise leaves empty.</summary>
public sealed class PeerAddressPortalFactory : PortalFactory
{
    public const string PeerHeader = "X-Test-Peer";

    public PeerAddressPortalFactory(params (string Key, string Value)[] settings)
    {
        Settings["RateLimits:AddressPermitsPerMinute"] = "2";
        Settings["RateLimits:JourneyPermitsPerMinute"] = "1000";
        foreach (var (key, value) in settings)
        {
            Settings[key] = value;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerAddressFilter>());
    }

    private sealed class PeerAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[PeerHeader].FirstOrDefault() ?? "192.0.2.200");
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class ProxyHeadersTests
{
    private const string Respond = "/consultations/integrating-care/respond";

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string peer, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Respond);
        request.Headers.Add(PeerAddressPortalFactory.PeerHeader, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task ConfiguredProxy_XForwardedFor_PartitionsTheAddressLimitByClient()
    {
        await using var factory = new PeerAddressPortalFactory(("ForwardedHeaders:KnownProxies:0", "10.0.0.4"));
        var client = factory.CreatePortalClient();

        Assert.NotEqual(HttpStatusCode.TooManyRequests, await GetAsync(client, "10.0.0.4", "203.0.113.7"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await GetAsync(client, "10.0.0.4", "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(client, "10.0.0.4", "203.0.113.7"));

        // Another person behind the same proxy has a limit of their own.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await GetAsync(client, "10.0.0.4", "198.51.100.23"));
    }

    [Fact]
    public async Task ConfiguredNetwork_ProxyInIt_TrustedLikeAListedProxy()
    {
        await using var factory = new PeerAddressPortalFactory(("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/24"));
        var client = factory.CreatePortalClient();

        await GetAsync(client, "10.0.0.9", "203.0.113.7");
        await GetAsync(client, "10.0.0.9", "203.0.113.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(client, "10.0.0.9", "203.0.113.7"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await GetAsync(client, "10.0.0.9", "198.51.100.23"));
    }

    [Fact]
    public async Task UnlistedPeer_XForwardedForIgnored_OneLimitForTheConnectionsAddress()
    {
        await using var factory = new PeerAddressPortalFactory(("ForwardedHeaders:KnownProxies:0", "10.0.0.4"));
        var client = factory.CreatePortalClient();

        // Anyone can send the header; from a peer that is not a known proxy it changes nothing.
        await GetAsync(client, "192.0.2.50", "203.0.113.1");
        await GetAsync(client, "192.0.2.50", "203.0.113.2");
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(client, "192.0.2.50", "203.0.113.3"));
    }

    [Fact]
    public async Task NothingConfigured_XForwardedForIgnored()
    {
        await using var factory = new PeerAddressPortalFactory();
        var client = factory.CreatePortalClient();

        await GetAsync(client, "10.0.0.4", "203.0.113.1");
        await GetAsync(client, "10.0.0.4", "203.0.113.2");
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(client, "10.0.0.4", "203.0.113.3"));
    }

    [Fact]
    public void Start_ProxyNotAnAddress_Fails()
    {
        using var factory = new PeerAddressPortalFactory(("ForwardedHeaders:KnownProxies:0", "proxy.internal"));

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("ForwardedHeaders:KnownProxies has 'proxy.internal'", failure.ToString(), StringComparison.Ordinal);
    }
}
