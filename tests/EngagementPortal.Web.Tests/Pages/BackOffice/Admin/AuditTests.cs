using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Data;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task OlderLink_ShowsTheNextPageOfOlderEntries_KeepingTheFilter()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Administrator);
        var marker = $"paging-{Guid.NewGuid():N}";
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var log = new AuditLog(db, factory.Time);
            for (var i = 0; i < AuditLog.PageSize + 10; i++)
            {
                log.Record(AuditActions.AccountEnabled, null, "test", $"{marker} {i:D3}");
            }

            await db.SaveChangesAsync();
        }

        var first = await (await client.GetAsync($"/backoffice/admin/audit?q={marker}")).ReadHtmlAsync();
        var older = first.QuerySelector("a.nhsuk-pagination__link--next")!.GetAttribute("href")!;
        var second = await (await client.GetAsync("/backoffice/admin/audit" + older)).ReadHtmlAsync();

        Assert.Contains($"{marker} {AuditLog.PageSize + 9:D3}", first.QuerySelector("tbody tr")!.TextContent, StringComparison.Ordinal);
        var rows = second.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(10, rows.Count);
        Assert.Contains($"{marker} 009", rows[0], StringComparison.Ordinal);
        Assert.Contains($"{marker} 000", rows[^1], StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", second.Body!.TextContent, StringComparison.Ordinal);
    }
}
