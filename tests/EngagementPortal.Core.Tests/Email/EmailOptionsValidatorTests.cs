using EngagementPortal.Core.Email;

namespace EngagementPortal.Core.Tests.Email;

public sealed class EmailOptionsValidatorTests
{
    private static IEnumerable<string> Failures(EmailOptions options) => new EmailOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Validate_DefaultPickup_Succeeds() => Assert.Empty(Failures(new EmailOptions()));

    [Fact]
    public void Validate_SmtpWithoutHost_Fails() =>
        Assert.Contains("Email:Smtp:Host is required when Email:Transport is Smtp.", Failures(new EmailOptions { Transport = EmailTransportKind.Smtp }));

    [Fact]
    public void Validate_SmtpUserNameWithoutPassword_Fails() =>
        Assert.Single(Failures(new EmailOptions { Transport = EmailTransportKind.Smtp, Smtp = { Host = "relay.example.nhs.uk", UserName = "portal" } }));

    [Fact]
    public void Validate_NotifyWithoutKeyOrTemplate_FailsForEach() =>
        Assert.Equal(2, Failures(new EmailOptions { Transport = EmailTransportKind.Notify, Notify = { ApiKey = "not-a-key" } }).Count());

    [Fact]
    public void Validate_NotifyWithKeyAndTemplate_Succeeds() =>
        Assert.Empty(Failures(new EmailOptions
        {
            Transport = EmailTransportKind.Notify,
            Notify = { ApiKey = "portal-live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0", TemplateId = "f33517ff-2a88-4f6e-b855-c550268ce08a" },
        }));

    [Fact]
    public void Validate_SendGridWithoutKey_Fails() =>
        Assert.Single(Failures(new EmailOptions { Transport = EmailTransportKind.SendGrid }));

    [Fact]
    public void Validate_OfficerAddressInvalid_Fails() =>
        Assert.Single(Failures(new EmailOptions { OfficerNotifications = ["lead.officer@example.nhs.uk", "not an address"] }));
}
