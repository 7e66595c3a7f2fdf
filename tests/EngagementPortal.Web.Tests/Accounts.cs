using System.Net;
using AngleSharp.Html.Dom;
using EngagementPortal.Core.Accounts;
using EngagementPortal.TestCommon;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests;

/// <summary>A person the test made: their password, and for staff the authenticator key their app would hold.</summary>
public sealed record TestAccount(Guid Id, string Email, string Password, string Role, string? AuthenticatorKey);

/// <summary>Real accounts, real sign-in: users are made with Identity's UserManager and sign in through the
/// sign-in pages (password, then a TOTP code computed from their key), so every test carries the real cookie.</summary>
public static class Accounts
{
    public const string Password = "plinth marmalade orbit";

    public static async Task<TestAccount> CreateAccountAsync(this PortalFactory factory, string role, bool twoFactor = true, string? email = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.nhs.uk";
        var user = new PortalUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = role + " " + email[..8], LockoutEnabled = true };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        string? key = null;
        if (twoFactor)
        {
            Check(await users.ResetAuthenticatorKeyAsync(user));
            key = await users.GetAuthenticatorKeyAsync(user);
            Check(await users.SetTwoFactorEnabledAsync(user, true));
        }

        return new TestAccount(user.Id, email, Password, role, key);
    }

    /// <summary>A client signed in as a new account with that role (staff with their authenticator).</summary>
    public static async Task<(HttpClient Client, TestAccount Account)> SignInAsAsync(this PortalFactory factory, string role)
    {
        var account = await factory.CreateAccountAsync(role, twoFactor: role != PortalRoles.Partner);
        var client = factory.CreatePortalClient();
        await client.SignInAsync(account);
        return (client, account);
    }

    public static async Task SignInAsync(this HttpClient client, TestAccount account)
    {
        var response = await client.PostFormAsync("/account/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {account.Email} answered {(int)response.StatusCode}");
        }

        if (response.Headers.Location!.OriginalString.StartsWith("/account/sign-in/code", StringComparison.Ordinal))
        {
            response = await client.PostFormAsync("/account/sign-in/code", new() { ["Code"] = Totp.Now(account.AuthenticatorKey!) });
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"The authenticator code for {account.Email} was refused ({(int)response.StatusCode})");
            }
        }
    }

    /// <summary>GETs the page, takes the antiforgery token from its form, and POSTs the fields to the same page (or <paramref name="action"/>).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? action = null)
    {
        var page = await client.GetAsync(url);
        var html = await page.ReadHtmlAsync();
        var token = html.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement
            ?? throw new InvalidOperationException($"No form with an antiforgery token on {url} ({(int)page.StatusCode})");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token.Value };
        return await client.PostAsync(action ?? url, new FormUrlEncodedContent(body));
    }

    public static HttpClient CreateCookieClient(this PortalFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
