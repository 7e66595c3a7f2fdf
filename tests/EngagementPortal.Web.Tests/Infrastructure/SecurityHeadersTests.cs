using System.Net;

namespace EngagementPortal.Web.Tests.Infrastructure;

public sealed class SecurityHeadersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/consultations/integrating-care")]
    [InlineData("/privacy")]
    [InlineData("/no-such-page")]
    [InlineData("/health/live")]
    public async Task AnyResponse_CarriesStrictHeaders(string path)
    {
        var response = await factory.CreatePortalClient().GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Strict-Transport-Security")); // plain HTTP in tests; HSTS is sent over HTTPS only
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/consultations/integrating-care")]
    public async Task PublicPage_EveryInlineScriptIsAllowedByItsHashAndNoNonceIsNamed(string path)
    {
        var response = await factory.CreatePortalClient().GetAsync(path);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var html = await response.ReadHtmlAsync();

        var inline = html.QuerySelectorAll("script:not([src])");
        Assert.Equal(2, inline.Length);
        Assert.All(inline, s =>
        {
            var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s.TextContent)));
            Assert.Contains($"'sha256-{hash}'", csp, StringComparison.Ordinal);
            Assert.False(s.HasAttribute("nonce"));
        });
        // A page the output cache may keep must not name a nonce that every later visitor would then see.
        Assert.DoesNotContain("'nonce-", csp, StringComparison.Ordinal);
        Assert.Empty(html.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task BackOfficeScript_CarriesThisResponsesNonce()
    {
        var (officer, _) = await factory.SignInAsAsync(Core.Accounts.PortalRoles.Officer);
        var response = await officer.GetAsync("/backoffice");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var html = await response.ReadHtmlAsync();

        var scripts = html.QuerySelectorAll("script[nonce]");
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Contains($"'nonce-{s.GetAttribute("nonce")}'", csp, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Https_GetsHstsOutsideDevelopment()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://haveyoursay.example.nhs.uk") });
        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NhsDesignSystem_IsServedFromWwwroot()
    {
        var client = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/nhsuk-frontend/nhsuk-frontend.min.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/nhsuk-frontend/nhsuk-frontend.min.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/assets/images/nhsuk-icon-arrow-right-circle.svg")).StatusCode);
    }
}
