using System.Text.Json;
using EngagementPortal.Core.Email;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Core.Tests.Email.Transports;

/// <summary>Against a real SMTP server (maildev), through the outbox and the dispatcher as in production.</summary>
public sealed class SmtpTransportTests : IAsyncLifetime, IDisposable
{
    private readonly MaildevServer _maildev = new();
    private readonly OutboxRig _rig = new();

    public Task InitializeAsync() => _maildev.StartAsync();

    public Task DisposeAsync() => _maildev.DisposeAsync().AsTask();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task Dispatch_OneMessage_ArrivesWithSubjectBodiesAndSender()
    {
        var id = await _rig.EnqueueAsync(subject: "Your response: ICS-7Q4K");

        var run = await _rig.DispatchAsync(_rig.Smtp(_maildev.SmtpPort));
        await _maildev.CollectAsync();

        Assert.Equal(1, run.Sent);
        var message = Assert.Single(_maildev.Received);
        Assert.Equal("Your response: ICS-7Q4K", message.GetProperty("subject").GetString());
        Assert.Equal("resident@example.org", message.GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Equal("engagement@example.nhs.uk", message.GetProperty("from")[0].GetProperty("address").GetString());
        Assert.Contains("Your reference is ICS-7Q4K.", message.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("<strong>ICS-7Q4K</strong>", message.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Equal(id.ToString(), PortalId(message));
        Assert.Equal(OutboxState.Sent, (await _rig.RowAsync(id)).State);
    }

    [Fact]
    public async Task Dispatch_ServerStoppedAndStartedAgain_EveryMessageArrivesNoneTwice()
    {
        var smtp = _rig.Smtp(_maildev.SmtpPort);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await _rig.EnqueueAsync(subject: $"Your response: ICS-000{i}A"));
        }

        Assert.Equal(5, (await _rig.DispatchAsync(smtp)).Sent);
        await _maildev.CollectAsync();
        await _maildev.StopAsync();

        for (var i = 5; i < 10; i++)
        {
            ids.Add(await _rig.EnqueueAsync(subject: $"Your response: ICS-000{i}B"));
        }

        var whileDown = await _rig.DispatchAsync(smtp);
        Assert.Equal(new DispatchSummary(0, 5, 0, 0), whileDown);

        // Nothing is due again until the backoff has passed, so a run straight away sends nothing twice or early.
        Assert.Equal(new DispatchSummary(0, 0, 0, 0), await _rig.DispatchAsync(smtp));

        await _maildev.StartAsync();
        _rig.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(5, (await _rig.DispatchAsync(smtp)).Sent);
        Assert.Equal(new DispatchSummary(0, 0, 0, 0), await _rig.DispatchAsync(smtp));
        await _maildev.CollectAsync();

        var arrived = _maildev.Received.Select(PortalId).ToList();
        Assert.Equal(ids.Select(i => i.ToString()).Order(), arrived.Order());
        var rows = await _rig.RowsAsync();
        Assert.All(rows, r => Assert.Equal(OutboxState.Sent, r.State));
        Assert.Equal([1, 1, 1, 1, 1, 2, 2, 2, 2, 2], rows.OrderBy(r => r.Subject, StringComparer.Ordinal).Select(r => r.Attempts));
    }

    private static string? PortalId(JsonElement message) =>
        message.GetProperty("headers").GetProperty("x-portal-message-id").GetString();
}
