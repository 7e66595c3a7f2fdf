using System.Net;
using System.Text.RegularExpressions;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.Account;

/// <summary>The first administrator through the link printed at first start. Each test gets a fresh portal.</summary>
public sealed partial class SetupTests : IDisposable
{
    private readonly PortalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [GeneratedRegex(@"/account/setup\?token=([A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();

    private string PrintedToken()
    {
        _ = _factory.Services;
        var match = _factory.Log.Messages.Select(m => LinkPattern().Match(m)).Single(m => m.Success);
        return match.Groups[1].Value;
    }

    private Dictionary<string, string> Form(string token, string password = "plinth marmalade orbit", string? confirm = null) => new()
    {
        ["Token"] = token,
        ["DisplayName"] = "Amira Khan",
        ["Email"] = "amira.khan@example.nhs.uk",
        ["Password"] = password,
        ["ConfirmPassword"] = confirm ?? password,
    };

    [Fact]
    public async Task FirstStart_PrintsALink_ThatCreatesTheAdministratorOnce()
    {
        var token = PrintedToken();
        var client = _factory.CreatePortalClient();

        var created = await client.PostFormAsync("/account/setup?token=" + token, Form(token));

        Assert.Equal("/account/sign-in?reason=set-up", created.Headers.Location!.OriginalString);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var admin = await users.FindByEmailAsync("amira.khan@example.nhs.uk");
            Assert.True(await users.IsInRoleAsync(admin!, PortalRoles.Administrator));
            Assert.DoesNotContain(scope.ServiceProvider.GetRequiredService<PortalDbContext>().Settings, s => s.Value.Contains(token, StringComparison.Ordinal));
        }

        var again = await client.GetAsync("/account/setup?token=" + token);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("This set-up link cannot be used", (await again.ReadHtmlAsync()).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task WrongToken_IsNotFound()
    {
        PrintedToken();

        var response = await _factory.CreatePortalClient().GetAsync("/account/setup?token=guessed");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ExpiredLink_IsNotFound()
    {
        var token = PrintedToken();
        _factory.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        var response = await _factory.CreatePortalClient().GetAsync("/account/setup?token=" + token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("short words", "Password must be 12 characters or more")]
    [InlineData("password1234", "This password is too common")]
    [InlineData("qwertyuiop123!", "This password is too common")]
    public async Task WeakPassword_IsRefusedWithAReason(string password, string expected)
    {
        var token = PrintedToken();

        var response = await _factory.CreatePortalClient().PostFormAsync("/account/setup?token=" + token, Form(token, password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(expected, (await response.ReadHtmlAsync()).QuerySelector("#password-error")!.TextContent.Replace("Error:", "", StringComparison.Ordinal).Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MismatchedConfirmation_IsRefused()
    {
        var token = PrintedToken();

        var response = await _factory.CreatePortalClient().PostFormAsync("/account/setup?token=" + token, Form(token, confirm: "something else entirely"));

        Assert.Contains("The passwords do not match", (await response.ReadHtmlAsync()).QuerySelector("#confirmpassword-error")!.TextContent, StringComparison.Ordinal);
    }
}

public sealed class UnattendedSetupTests : IDisposable
{
    private readonly PortalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AdministratorFromConfiguration_IsCreatedAndNoLinkIsPrinted()
    {
        _factory.Settings["Portal:Setup:AdministratorEmail"] = "ops@example.nhs.uk";
        _factory.Settings["Portal:Setup:AdministratorPassword"] = "harbour lantern thistle";

        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var admin = await users.FindByEmailAsync("ops@example.nhs.uk");
        Assert.True(await users.IsInRoleAsync(admin!, PortalRoles.Administrator));
        Assert.DoesNotContain(_factory.Log.Messages, m => m.Contains("/account/setup?token=", StringComparison.Ordinal));
    }
}
