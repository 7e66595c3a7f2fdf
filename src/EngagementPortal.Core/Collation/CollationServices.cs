using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Core.Collation;

public static class CollationServices
{
    /// <summary>Collation options (validated at start), the reader, the runner and the per-process state cache.</summary>
    public static IServiceCollection AddPortalCollation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CollationOptions>().Bind(configuration.GetSection(CollationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CollationStateCache>();
        services.AddScoped<CollationReader>();
        services.AddScoped<CollationRunner>();
        services.AddScoped<CollationRuns>();

        return services;
    }
}
