using System.Net;

namespace EngagementPortal.Web.Tests.Infrastructure;

public sealed class HealthTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Probe_OnAMigratedDatabase_IsHealthy(string path)
    {
        var response = await factory.CreatePortalClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
