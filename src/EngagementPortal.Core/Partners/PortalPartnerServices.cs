using EngagementPortal.Core.Collation;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Partners;

public static class PortalPartnerServices
{
    /// <summary>The register, invitations, the workspace, the status board; and the partners' implementations of
    /// the reminder job's recipients and collation's partner details, replacing any fallback registered before.</summary>
    public static IServiceCollection AddPortalPartners(this IServiceCollection services, IConfiguration configuration, string portalRoot)
    {
        services.AddOptions<PartnerOptions>().Bind(configuration.GetSection(PartnerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PartnerOptions>>().Value;
            return new PartnerLetterStore(new DocumentStore(Path.GetFullPath(options.LettersPath, portalRoot), options.LetterMaxBytes));
        });
        services.AddScoped<PartnerRegister>();
        services.AddScoped<PartnerSampleData>();
        services.AddScoped<PartnerInvitations>();
        services.AddScoped<PartnerSubmissions>();
        services.AddScoped<PartnerStatusBoard>();
        services.Replace(ServiceDescriptor.Scoped<IPartnerReminderRecipients, PartnerReminderRecipients>());
        services.Replace(ServiceDescriptor.Scoped<IPartnerSubmissionDetails, PartnerSubmissionDetails>());
        return services;
    }
}
