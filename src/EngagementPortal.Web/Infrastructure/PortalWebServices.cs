using EngagementPortal.Core;
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
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
        });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "portal-antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddPortalRateLimits(builder.Configuration);
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddSingleton<DevelopmentOutboxLog>();
            builder.Services.ConfigureDbContext<SqlitePortalDbContext>((services, options) => options.AddInterceptors(services.GetRequiredService<DevelopmentOutboxLog>()));
        }

        builder.Services.AddHealthChecks()
            .AddDbContextCheck<PortalDbContext>("database", tags: ["ready"])
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: ["ready"]);
        builder.Services.AddUmbracoWebhookRateLimit(builder.Configuration);
        builder.Services.AddHostedService<UmbracoSyncTimer>();
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
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
        app.UseAntiforgery();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapRazorPages();
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
        if (content.IsUmbraco)
        {
            // Umbraco is the source: its consultations arrive through UmbracoSyncTimer (the first sync runs at start)
            // and the webhook, so packages are not imported; the demonstration window still applies to what is there.
            await scope.ServiceProvider.GetRequiredService<DemoWindow>().ApplyAsync();
            return;
        }

        await scope.ServiceProvider.GetRequiredService<ContentStartup>().RunAsync(paths.Resolve(content.PackagesPath));
    }
}

/// <summary>Resolves configured relative paths against the portal root.</summary>
public sealed record PortalPaths(string Root)
{
    public string Resolve(string path) => Path.GetFullPath(path, Root);
}
