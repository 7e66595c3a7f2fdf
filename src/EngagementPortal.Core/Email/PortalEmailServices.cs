using EngagementPortal.Core.Email.Transports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Email;

public static class PortalEmailServices
{
    /// <summary>The outbox, its dispatcher, officer notices, and the transport <c>Email:Transport</c> names.</summary>
    public static IServiceCollection AddPortalEmail(this IServiceCollection services, IConfiguration configuration, string portalRoot)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.FirstRetryDelay <= o.MaxRetryDelay, "Email:Outbox:FirstRetryDelay must not exceed MaxRetryDelay.")
            .ValidateOnStart();
        services.AddOptions<OutboxOptions>().Validate<IOptions<EmailOptions>>(
            (outbox, email) => outbox.LeaseDuration >= email.Value.SendTimeout * 2,
            "Email:Outbox:LeaseDuration must be at least twice Email:SendTimeout, so a lease never expires during a send.");

        services.TryAddSingleton(OutboxNode.ForThisProcess());
        services.AddSingleton(sp => new PickupFolder(Path.GetFullPath(sp.GetRequiredService<IOptions<EmailOptions>>().Value.PickupDirectory, portalRoot)));
        services.AddSingleton<PickupTransport>();
        services.AddSingleton<SmtpTransport>();
        services.AddHttpClient<NotifyTransport>((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<EmailOptions>>().Value.SendTimeout);
        services.AddHttpClient<SendGridTransport>((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<EmailOptions>>().Value.SendTimeout);
        services.AddScoped<IEmailTransport>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Transport switch
        {
            EmailTransportKind.Smtp => sp.GetRequiredService<SmtpTransport>(),
            EmailTransportKind.Notify => sp.GetRequiredService<NotifyTransport>(),
            EmailTransportKind.SendGrid => sp.GetRequiredService<SendGridTransport>(),
            _ => sp.GetRequiredService<PickupTransport>(),
        });

        services.TryAddScoped<IOfficerRecipients, StaffOfficerRecipients>();
        services.AddScoped<EmailOutbox>();
        services.AddScoped<OfficerNotices>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<SentMail>();
        services.AddScoped<YouSaidWeDid>();
        return services;
    }
}
