using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Tests.Infrastructure;

/// <summary>Email settings are checked when the portal starts, not when the first message is sent.</summary>
public sealed class EmailSettingsOnStartTests
{
    [Fact]
    public void Start_NotifyChosenWithoutAKey_RefusesToStart()
    {
        using var factory = new PortalFactory();
        factory.Settings["Email:Transport"] = "Notify";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(Failures(error), f => f.Contains("Email:Notify:ApiKey", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_LeaseShorterThanTwoSendTimeouts_RefusesToStart()
    {
        using var factory = new PortalFactory();
        factory.Settings["Email:SendTimeout"] = "00:01:00";
        factory.Settings["Email:Outbox:LeaseDuration"] = "00:01:30";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(Failures(error), f => f.Contains("LeaseDuration", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Failures(Exception error) =>
        (error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [error]).OfType<OptionsValidationException>().SelectMany(e => e.Failures);
}
