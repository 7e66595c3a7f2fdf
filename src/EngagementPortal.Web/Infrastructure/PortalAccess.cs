using System.Security.Claims;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Infrastructure;

/// <summary>
/// Accounts and access: ASP.NET Core Identity on the portal's database, the <c>portal-auth</c> cookie, and the
/// folder policies (docs/adr/0060). Pages/BackOffice needs <see cref="StaffPolicy"/>, Pages/BackOffice/Admin needs
/// <see cref="AdministratorPolicy"/>, Pages/Account/Manage needs <see cref="SignedInPolicy"/>; the endpoint matrix
/// test fails for any page nobody classified.
/// </summary>
public static class PortalAccess
{
    public const string StaffPolicy = "Staff";
    public const string AdministratorPolicy = "Administrator";
    public const string SignedInPolicy = "SignedIn";

    /// <summary>Pages/Partners: a Partner account bound to an organisation (docs/adr/0121).</summary>
    public const string PartnerPolicy = "Partner";
    public const string CookieName = "portal-auth";
    public const string SignInPath = "/account/sign-in";
    public const string EnrolPath = "/account/two-factor";

    /// <summary>The claim Identity adds when someone signed in with a second factor.</summary>
    public const string MfaClaimType = "amr";
    public const string MfaClaimValue = "mfa";

    public static IServiceCollection AddPortalAccess(this IServiceCollection services)
    {
        services.AddIdentity<PortalUser, PortalRole>(o =>
            {
                // Length is the only rule (NCSC, NIST SP 800-63B); the shipped list refuses common passwords.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version1;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();

        services.AddOptions<IdentityOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            o.Lockout.MaxFailedAccessAttempts = security.Value.MaxFailedAttempts;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.Value.LockoutMinutes);
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = SignInPath;
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/error/403";
            o.SlidingExpiration = true;
            o.Events.OnRedirectToAccessDenied = context =>
            {
                var security = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
                if (NeedsTwoFactor(context.HttpContext.User, security))
                {
                    context.Response.Redirect(EnrolPath);
                }
                else
                {
                    // A plain 403 (shown by the status code page), not a redirect: nothing to sign in to.
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                }

                return Task.CompletedTask;
            };
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IOptions<SecurityOptions>>((o, security) =>
            o.ExpireTimeSpan = TimeSpan.FromMinutes(security.Value.IdleTimeoutMinutes));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => o.Cookie.Name = "portal-2fa");
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => o.Cookie.Name = "portal-2fa-remember");
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, o => o.Cookie.Name = "portal-external");

        // Checked on every request, so a disabled account or a reset second factor ends every session at once.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            o.OnRefreshingPrincipal = context =>
            {
                // The refreshed principal is rebuilt from the database, which does not know how the person signed in.
                if (context.CurrentPrincipal?.FindFirst(MfaClaimType) is { } amr && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(MfaClaimType, amr.Value))
                {
                    identity.AddClaim(new Claim(MfaClaimType, amr.Value));
                }

                return Task.CompletedTask;
            };
        });

        services.AddSingleton<IAuthorizationHandler, StaffTwoFactorHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireAuthenticatedUser().RequireRole(PortalRoles.Staff).AddRequirements(new StaffTwoFactorRequirement()))
            .AddPolicy(AdministratorPolicy, p => p.RequireAuthenticatedUser().RequireRole(PortalRoles.Administrator).AddRequirements(new StaffTwoFactorRequirement()))
            .AddPolicy(SignedInPolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(PartnerPolicy, p => p.RequireAuthenticatedUser().RequireRole(PortalRoles.Partner).RequireClaim(Core.Partners.PartnerClaims.Organisation));
        return services;
    }

    public static bool IsStaff(this ClaimsPrincipal user) => PortalRoles.Staff.Any(user.IsInRole);

    public static bool NeedsTwoFactor(ClaimsPrincipal user, SecurityOptions security) =>
        security.RequireTwoFactorForStaff && user.Identity?.IsAuthenticated == true && user.IsStaff() && !user.HasClaim(MfaClaimType, MfaClaimValue);
}

/// <summary>Staff pages need a sign-in with a second factor while <c>Security:RequireTwoFactorForStaff</c> is on.</summary>
public sealed class StaffTwoFactorRequirement : IAuthorizationRequirement;

public sealed class StaffTwoFactorHandler(IOptions<SecurityOptions> security) : AuthorizationHandler<StaffTwoFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffTwoFactorRequirement requirement)
    {
        if (!PortalAccess.NeedsTwoFactor(context.User, security.Value))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
