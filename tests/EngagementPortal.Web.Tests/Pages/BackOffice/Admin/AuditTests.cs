using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Admin;

public sealed class AuditTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Get_ShowsSignInsAndFailures_NewestFirst_FilteredByActionAndPerson()
    {
        var partner = await factory.CreateAccountAsync(PortalRoles.Partner, twoFactor: false);
        await factory.CreatePortalClient().PostFormAsync("/account/sign-in", new() { ["Email"] = partner.Email, ["Password"] = "a wrong password" });
        var (client, admin) = await factory.SignInAsAsync(PortalRoles.Administrator);

        var all = await (await client.GetAsync("/backoffice/admin/audit")).ReadHtmlAsync();
        var first = all.QuerySelector("tbody tr")!;
        Assert.Contains(admin.Email, first.TextContent, StringComparison.Ordinal);
        Assert.Contains(AuditActions.SignIn, first.TextContent, StringComparison.Ordinal);

        var failures = await (await client.GetAsync($"/backoffice/admin/audit?action={AuditActions.SignInFailed}&q={Uri.EscapeDataString(partner.Email)}")).ReadHtmlAsync();
        var row = Assert.Single(failures.QuerySelectorAll("tbody tr"));
        Assert.Contains("wrong password", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_TypedTextIsShownEncoded()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Administrator);
        foreach (var vector in EngagementPortal.TestCommon.Repository.XssVectors.Take(20))
        {
            await factory.CreatePortalClient().PostFormAsync("/account/sign-in", new() { ["Email"] = vector, ["Password"] = "x" });
        }

        var html = await (await client.GetAsync($"/backoffice/admin/audit?action={AuditActions.SignInFailed}")).ReadHtmlAsync();

        // The page's own scripts are in the layout; what people typed is all inside <main>.
        var main = html.QuerySelector("main")!;
        Assert.Contains(EngagementPortal.TestCommon.Repository.XssVectors[0], main.TextContent, StringComparison.Ordinal);
        Assert.Empty(EngagementPortal.TestCommon.InertHtml.Problems(main.OuterHtml));
    }
}
