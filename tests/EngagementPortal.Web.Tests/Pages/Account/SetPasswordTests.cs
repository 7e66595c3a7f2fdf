using System.Net;
using EngagementPortal.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.Account;

public sealed class SetPasswordTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<string> LinkAsync()
    {
        var account = await factory.CreateAccountAsync(PortalRoles.Partner, twoFactor: false);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var token = await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(account.Id.ToString()))!);
        return $"/account/set-password?user={account.Id}&token={Uri.EscapeDataString(token)}";
    }

    [Fact]
    public async Task Mismatch_And_TooShort_AreExplained()
    {
        var link = await LinkAsync();
        var client = factory.CreatePortalClient();

        var mismatch = await client.PostFormAsync(link, new() { ["Password"] = "copper kettle meadow", ["ConfirmPassword"] = "copper kettle meadows" });
        var shortOne = await client.PostFormAsync(link, new() { ["Password"] = "kettle", ["ConfirmPassword"] = "kettle" });

        Assert.Equal("The passwords do not match", (await mismatch.ReadHtmlAsync()).QuerySelector(".nhsuk-error-summary a")!.TextContent);
        Assert.Equal("Password must be 12 characters or more", (await shortOne.ReadHtmlAsync()).QuerySelector(".nhsuk-error-summary a")!.TextContent);
    }

    [Fact]
    public async Task ForgedToken_IsNotFound()
    {
        var link = await LinkAsync();

        var response = await factory.CreatePortalClient().PostFormAsync(link, new() { ["Password"] = "copper kettle meadow", ["ConfirmPassword"] = "copper kettle meadow", ["Token"] = "forged" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("This link cannot be used", (await response.ReadHtmlAsync()).QuerySelector("h1")!.TextContent);
    }
}
