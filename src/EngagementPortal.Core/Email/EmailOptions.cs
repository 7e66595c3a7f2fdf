using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Email;

public enum EmailTransportKind
{
    /// <summary>.eml files in a folder: the default, so a new install shows every message without a mail server.</summary>
    Pickup,
    Smtp,
    Notify,
    SendGrid,
}

/// <summary>How the portal sends email (section <c>Email</c>).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailTransportKind Transport { get; set; } = EmailTransportKind.Pickup;

    /// <summary>The sender's address.</summary>
    [Required, EmailAddress]
    public string From { get; set; } = "engagement@example.nhs.uk";

    /// <summary>The sender's display name.</summary>
    [Required, MaxLength(100)]
    public string FromName { get; set; } = "Engagement Portal";

    /// <summary>Where the Pickup transport writes .eml files, relative to the portal root.</summary>
    [Required]
    public string PickupDirectory { get; set; } = "umbraco/Data/mail";

    /// <summary>Extra addresses (a team mailbox) that hear officer notices besides every enabled Officer and Administrator account.</summary>
    public List<string> OfficerNotifications { get; set; } = [];

    public SmtpSettings Smtp { get; set; } = new();

    public NotifySettings Notify { get; set; } = new();

    public SendGridSettings SendGrid { get; set; } = new();

    /// <summary>How long one send may take before it counts as failed; kept well under the outbox lease.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public sealed class SmtpSettings
    {
        public string? Host { get; set; }

        [Range(1, 65535)]
        public int Port { get; set; } = 25;

        /// <summary>STARTTLS on the connection (System.Net.Mail does not offer implicit TLS on 465).</summary>
        public bool EnableTls { get; set; }

        public string? UserName { get; set; }

        public string? Password { get; set; }
    }

    public sealed class NotifySettings
    {
        /// <summary>The whole key as Notify shows it: <c>{name}-{service id}-{secret}</c>.</summary>
        public string? ApiKey { get; set; }

        /// <summary>One email template whose subject is <c>((subject))</c> and body <c>((body))</c>.</summary>
        public string? TemplateId { get; set; }

        public Uri BaseUrl { get; set; } = new("https://api.notifications.service.gov.uk");
    }

    public sealed class SendGridSettings
    {
        public string? ApiKey { get; set; }

        public Uri BaseUrl { get; set; } = new("https://api.sendgrid.com");
    }
}

/// <summary>Checks the chosen transport has what it needs, so a missing key fails the start, not the first email.</summary>
public sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        failures.AddRange(options.OfficerNotifications.Where(a => !EmailAddresses.IsValid(a)).Select(a => $"Email:OfficerNotifications has an invalid address '{a}'."));
        switch (options.Transport)
        {
            case EmailTransportKind.Smtp when string.IsNullOrWhiteSpace(options.Smtp.Host):
                failures.Add("Email:Smtp:Host is required when Email:Transport is Smtp.");
                break;
            case EmailTransportKind.Smtp when string.IsNullOrEmpty(options.Smtp.UserName) != string.IsNullOrEmpty(options.Smtp.Password):
                failures.Add("Email:Smtp:UserName and Email:Smtp:Password go together.");
                break;
            case EmailTransportKind.Notify:
                if (Transports.NotifyApiKey.Parse(options.Notify.ApiKey) is null)
                {
                    failures.Add("Email:Notify:ApiKey must be a GOV.UK Notify key: {name}-{service id}-{secret}.");
                }

                if (!Guid.TryParse(options.Notify.TemplateId, out _))
                {
                    failures.Add("Email:Notify:TemplateId must be the template's id (a UUID).");
                }

                break;
            case EmailTransportKind.SendGrid when string.IsNullOrWhiteSpace(options.SendGrid.ApiKey):
                failures.Add("Email:SendGrid:ApiKey is required when Email:Transport is SendGrid.");
                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>How the outbox retries (section <c>Email:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Email:Outbox";

    /// <summary>Attempts before a message is dead-lettered.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; each later failure doubles it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a node holds a claimed message; must outlast a send (Email:SendTimeout) with room to spare.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages sent per run at most.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Messages claimed, and their outcomes recorded, together: fewer commits, but if the node stops
    /// mid-claim up to this many rows are left in doubt for a person to check (docs/adr/0050).</summary>
    [Range(1, 100)]
    public int ClaimSize { get; set; } = 10;
}
