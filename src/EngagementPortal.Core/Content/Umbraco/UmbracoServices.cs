using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Content.Umbraco;

public static class UmbracoServices
{
    /// <summary>The Delivery API client, the sync, its job and the preview. Registered whatever the source, used only for UmbracoDelivery.</summary>
    public static IServiceCollection AddUmbracoDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UmbracoDeliveryOptions>().Bind(configuration.GetSection(UmbracoDeliveryOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UmbracoDeliveryOptions>, UmbracoDeliveryOptionsValidation>();
        services.AddHttpClient<UmbracoDeliveryClient>()
            .ConfigurePrimaryHttpMessageHandler(UmbracoDeliveryClient.CreateHandler)
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan); // the client applies Content:Umbraco:RequestTimeout itself
        services.AddScoped<UmbracoSync>();
        services.AddScoped<UmbracoSyncJob>();
        services.AddScoped<UmbracoPreview>();
        services.AddScoped<ContentNotices>();
        return services;
    }
}
