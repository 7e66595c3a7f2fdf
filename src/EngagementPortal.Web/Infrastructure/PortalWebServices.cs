using EngagementPortal.Core;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Content;
using EngagementPortal.Core.Data;
using EngagementPortal.Web.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Infrastructure;

/// <summary>The composition root's two halves: what the host registers, and the order of the pipeline.</summary>
public static class PortalWebServices
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder, string portalRoot)
    {
        builder.Services.AddPortalCore(builder.Configuration, portalRoot);
        builder.Services.AddSingleton(new PortalPaths(portalRoot));
        builder.Services.AddOptions<PortalOptions>().Bind(builder.Configuration.GetSection(PortalOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        // Keys outlive restarts so cookies and antiforgery tokens stay valid; several nodes share them with the database later.
        builder.Services.AddDataProtection()
            .SetApplicationName("EngagementPortal")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(portalRoot, "umbraco", "Data", "keys")));
        builder.Services.AddPortalAccess();
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
            options.Conventions.AuthorizeFolder("/BackOffice", PortalAccess.StaffPolicy);
            options.Conventions.AuthorizeFolder("/BackOffice/Admin", PortalAccess.AdministratorPolicy);
            // Only the authoring pages: Umbraco owns a consultation's text, dates, questions and publication, while the
            // portal keeps collation, coding, moderation and the partnership response for every source.
            foreach (var authoringPage in new[] { "Overview", "Edit", "Questions", "Documents" })
            {
                options.Conventions.AddPageApplicationModelConvention("/BackOffice/Consultations/" + authoringPage, model => model.Filters.Add(new Pages.BackOffice.Consultations.ManagedInUmbracoFilter()));
            }

            options.Conventions.AuthorizeFolder("/Account/Manage", PortalAccess.SignedInPolicy);
            options.Conventions.AuthorizeFolder("/Partners", PortalAccess.PartnerPolicy);
            options.Conventions.AllowAnonymousToPage("/Partners/Join");
        });
        builder.Services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "portal-antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddOutputCache(options => options.AddPolicy(Pages.Consultations.ConsultationPageCache.PolicyName, new Pages.Consultations.ConsultationPageCache()));
        builder.Services.AddPortalProxyHeaders(builder.Configuration);
        builder.Services.AddPortalRateLimits(builder.Configuration);
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddSingleton<DevelopmentOutboxLog>();
            builder.Services.ConfigureDbContext<SqlitePortalDbContext>((services, options) => options.AddInterceptors(services.GetRequiredService<DevelopmentOutboxLog>()), ServiceLifetime.Singleton);
        }

        builder.Services.AddHealthChecks()
            .AddDbContextCheck<PortalDbContext>("database", tags: ["ready"])
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: ["ready"]);
        builder.Services.AddUmbracoWebhookRateLimit(builder.Configuration);
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UsePortalProxyHeaders();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseNoStoreForSignedInPages();
        // After authentication: the cached public pages are never served to, or stored from, a signed-in person.
        app.UseOutputCache();
        app.UseAntiforgery();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapRazorPages();
        app.MapGet("/documents/{name}", ServeDocument);
        app.MapUmbracoWebhook();
        return app;
    }

    /// <summary>Migrates the database and imports content before the first request is served.</summary>
    public static async Task InitialisePortalAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await PortalDatabase.MigrateAsync(db);
        var paths = scope.ServiceProvider.GetRequiredService<PortalPaths>();
        var content = scope.ServiceProvider.GetRequiredService<IOptions<ContentOptions>>().Value;
        await InitialiseAccountsAsync(scope.ServiceProvider);
        if (app.Environment.IsDevelopment() || scope.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
        {
            // Sample partner organisations and places from the seed papers; officers remove them in one action.
            await scope.ServiceProvider.GetRequiredService<Core.Partners.PartnerSampleData>().EnsureLoadedAsync();
        }

        if (content.IsUmbraco)
        {
            // Umbraco is the source: its consultations arrive through the umbraco-sync job (queued at start, then on schedule)
            // and the webhook, so packages are not imported; the demonstration window still applies to what is there.
            await scope.ServiceProvider.GetRequiredService<DemoWindow>().ApplyAsync();
            return;
        }

        await scope.ServiceProvider.GetRequiredService<ContentStartup>().RunAsync(paths.Resolve(content.PackagesPath));
    }

    /// <summary>Uploaded documents, from outside wwwroot: only names the store gave out, with headers that stop a
    /// browser treating them as anything but the document they are.</summary>
    private static IResult ServeDocument(string name, HttpContext context, Core.Consultations.DocumentStore store)
    {
        if (store.Find(name) is not { } path)
        {
            return Results.NotFound();
        }

        var pdf = name.EndsWith(".pdf", StringComparison.Ordinal);
        context.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; object-src 'none'";
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.File(path, pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document", pdf ? null : name, enableRangeProcessing: true);
    }

    /// <summary>Roles always; then the first administrator from configuration, or else a one-time setup link in the log.</summary>
    private static async Task InitialiseAccountsAsync(IServiceProvider services)
    {
        var setup = services.GetRequiredService<AccountSetup>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("EngagementPortal.Setup");
        await setup.EnsureRolesAsync();
        var unattended = await setup.CreateFromConfigurationAsync();
        if (unattended is { Outcome: SetupOutcome.Refused })
        {
            throw new InvalidOperationException("Portal:Setup:AdministratorPassword was refused: " + string.Join(" ", unattended.Errors));
        }

        if (unattended is { Outcome: SetupOutcome.Created })
        {
            logger.LogInformation("First administrator created from configuration (Portal:Setup:AdministratorEmail). Remove the password from configuration now.");
            return;
        }

        var link = await setup.IssueLinkAsync();
        if (link is not null)
        {
            logger.LogWarning("No administrator yet. Create the first one at /account/setup?token={Token} before {Expires:O} UTC (single use; a restart prints a new link).", link.Token, link.ExpiresUtc);
        }
    }
}

internal static class NoStore
{
    /// <summary>Pages that show personal data or account details are never cached by browsers or proxies.</summary>
    public static IApplicationBuilder UseNoStoreForSignedInPages(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/backoffice", StringComparison.OrdinalIgnoreCase) || context.Request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/partners", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
        }

        await next();
    });
}

/// <summary>Resolves configured relative paths against the portal root.</summary>
public sealed record PortalPaths(string Root)
{
    public string Resolve(string path) => Path.GetFullPath(path, Root);
}
