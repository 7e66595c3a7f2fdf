using System.Net;

namespace EngagementPortal.Web.Tests.Infrastructure;

public sealed class ErrorPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task UnhandledException_ShowsTheGenericPageWithoutDetail()
    {
        _ = factory.CreatePortalClient(); // start the portal before the clock starts failing
        factory.Time.FailWith = new InvalidOperationException("secret-internal-detail");
        try
        {
            var response = await factory.CreatePortalClient().GetAsync("/");

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("Sorry, there is a problem with the service", body, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-internal-detail", body, StringComparison.Ordinal);
            Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", body.Split("<main")[1].Split("</main>")[0], StringComparison.Ordinal);
        }
        finally
        {
            factory.Time.FailWith = null;
        }
    }
}
