using EngagementPortal.Core.Content;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Core;

public static class PortalCoreServices
{
    /// <summary>Everything that is not HTTP: the database, content, and the domain's services.</summary>
    public static IServiceCollection AddPortalCore(this IServiceCollection services, IConfiguration configuration, string portalRoot)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ContentOptions>().Bind(configuration.GetSection(ContentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Accounts.SecurityOptions>().Bind(configuration.GetSection(Accounts.SecurityOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.IdleWarningMinutes < o.IdleTimeoutMinutes, "Security:IdleWarningMinutes must be less than Security:IdleTimeoutMinutes.").ValidateOnStart();
        services.AddOptions<Accounts.SetupOptions>().Bind(configuration.GetSection(Accounts.SetupOptions.Section)).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.AdministratorEmail) == string.IsNullOrEmpty(o.AdministratorPassword), "Portal:Setup needs both AdministratorEmail and AdministratorPassword, or neither.").ValidateOnStart();

        var provider = configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] ?? "Sqlite";
        services.AddPortalDatabase(provider, configuration.GetConnectionString("Portal"), portalRoot);
        services.AddPortalEmail(configuration, portalRoot);
        services.AddPortalJobs(configuration, PortalDatabase.ResolveConnection(provider, configuration.GetConnectionString("Portal"), portalRoot));

        services.AddSingleton(TimeProvider.System);
        services.AddScoped<DemoWindow>();
        services.AddScoped<ConsultationImport>();
        services.AddScoped<ContentStartup>();
        services.AddScoped<Consultations.ConsultationQueries>();
        services.AddSingleton<Consultations.PublishedVersions>();
        services.AddSingleton<Consultations.ConsultationChangeSignal>();
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<Consultations.ConsultationAuthoring>();
        services.AddScoped<Coding.CodingFrame>();
        services.AddScoped<Consultations.ConsultationDashboard>();
        services.AddOptions<Consultations.DocumentOptions>().Bind(configuration.GetSection(Consultations.DocumentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Consultations.DocumentOptions>>().Value;
            return new Consultations.DocumentStore(Path.GetFullPath(options.Path, portalRoot), options.MaxBytes);
        });
        services.AddScoped<Accounts.AccountSetup>();
        services.AddScoped<Accounts.StaffAccounts>();

        services.AddOptions<Responses.ResponseOptions>().Bind(configuration.GetSection(Responses.ResponseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Responses.JourneyStore>();
        services.AddSingleton<Responses.SubmitQueue>();
        services.AddScoped<Responses.ResponseSubmission>();
        services.AddScoped<Responses.SaveAndReturn>();
        services.AddScoped<Responses.DataRequests>();
        services.AddScoped<Responses.ResponseList>();
        services.AddScoped<Responses.AnswerTextIndex>();
        services.AddScoped<Responses.ResponseModeration>();
        services.AddScoped<Responses.KeyedResponses>();
        services.AddScoped<Exports.Csv.ResponsesCsv>();
        services.AddScoped<Responses.DemoResponses>();
        services.AddScoped<PartnershipResponses.PartnershipResponseDrafting>();
        services.AddOptions<Exports.Pdf.PdfExportOptions>().Bind(configuration.GetSection(Exports.Pdf.PdfExportOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        Content.Umbraco.UmbracoServices.AddUmbracoDelivery(services, configuration);
        Collation.CollationServices.AddPortalCollation(services, configuration);

        // After the jobs and collation: the partners' implementations replace their fallbacks.
        Partners.PortalPartnerServices.AddPortalPartners(services, configuration, portalRoot);
        return services;
    }
}
