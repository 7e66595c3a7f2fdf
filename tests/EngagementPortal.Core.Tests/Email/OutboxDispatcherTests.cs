using EngagementPortal.Core.Email;
using EngagementPortal.Core.Email.Transports;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Tests.Email;

/// <summary>Real transports throughout: Pickup writes files, SMTP to a closed loopback port is refused.</summary>
public sealed class OutboxDispatcherTests : IDisposable
{
    private const int ClosedPort = 1;
    private readonly OutboxRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task Dispatch_Due_SendsRecordsSentAndWritesOneFile()
    {
        var id = await _rig.EnqueueAsync();

        var run = await _rig.DispatchAsync(_rig.Pickup);

        Assert.Equal(new DispatchSummary(1, 0, 0, 0), run);
        var row = await _rig.RowAsync(id);
        Assert.Equal(OutboxState.Sent, row.State);
        Assert.Equal(_rig.Time.GetUtcNow().UtcDateTime, row.SentUtc);
        Assert.Equal($"{id:N}.eml", row.ProviderMessageId);
        Assert.Null(row.LeaseOwner);
        Assert.Equal(1, row.Attempts);
        var eml = await File.ReadAllTextAsync(Path.Combine(_rig.MailFolder, $"{id:N}.eml"));
        Assert.Contains("Subject: Your response: ICS-7Q4K", eml, StringComparison.Ordinal);
        Assert.Equal(new DispatchSummary(0, 0, 0, 0), await _rig.DispatchAsync(_rig.Pickup));
    }

    [Fact]
    public async Task Dispatch_NotYetDue_LeftAlone()
    {
        var id = await _rig.EnqueueAsync();
        await using (var db = _rig.Database.CreateContext())
        {
            await db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptUtc, _rig.Time.GetUtcNow().UtcDateTime.AddMinutes(1)));
        }

        Assert.Equal(new DispatchSummary(0, 0, 0, 0), await _rig.DispatchAsync(_rig.Pickup));
        Assert.Equal(OutboxState.Pending, (await _rig.RowAsync(id)).State);
    }

    [Fact]
    public async Task Dispatch_TransientFailures_BackOffExponentiallyThenDeadLetterAndTellOfficers()
    {
        var id = await _rig.EnqueueAsync();
        var refused = _rig.Smtp(ClosedPort);
        var start = _rig.Time.GetUtcNow().UtcDateTime;

        Assert.Equal(new DispatchSummary(0, 1, 0, 0), await _rig.DispatchAsync(refused));
        var first = await _rig.RowAsync(id);
        Assert.Equal(start.AddSeconds(30), first.NextAttemptUtc);
        Assert.NotNull(first.LastError);

        _rig.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(new DispatchSummary(0, 1, 0, 0), await _rig.DispatchAsync(refused));
        Assert.Equal(start.AddSeconds(30 + 60), (await _rig.RowAsync(id)).NextAttemptUtc);

        _rig.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(new DispatchSummary(0, 0, 1, 0), await _rig.DispatchAsync(refused));
        var dead = await _rig.RowAsync(id);
        Assert.Equal(OutboxState.DeadLettered, dead.State);
        Assert.Equal(3, dead.Attempts);
        Assert.StartsWith("Gave up after 3 attempts.", dead.LastError, StringComparison.Ordinal);

        var notice = Assert.Single(await _rig.RowsAsync(), r => r.Kind == "officer-delivery-failing");
        Assert.Equal("officer@example.nhs.uk", notice.To);
        Assert.Contains("response-receipt", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("resident@example.org", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_PermanentFailure_DeadLettersAtOnce()
    {
        var id = await _rig.InsertUnsendableAsync("not an address");

        Assert.Equal(new DispatchSummary(0, 0, 1, 0), await _rig.DispatchAsync(_rig.Pickup));

        var row = await _rig.RowAsync(id);
        Assert.Equal(OutboxState.DeadLettered, row.State);
        Assert.Equal(1, row.Attempts);
        Assert.Empty(Directory.GetFiles(_rig.MailFolder, "*.eml"));
    }

    [Fact]
    public async Task Dispatch_OfficerNoticeItselfFails_NoFurtherNotice()
    {
        await _rig.InsertUnsendableAsync("not an address", kind: "officer-milestone");

        await _rig.DispatchAsync(_rig.Pickup);

        Assert.Single(await _rig.RowsAsync());
    }

    [Fact]
    public async Task Dispatch_RowLeasedByAnotherNode_NotSent()
    {
        var id = await _rig.EnqueueAsync();
        await SetSendingAsync(id, "node-b", _rig.Time.GetUtcNow().UtcDateTime.AddMinutes(5));

        Assert.Equal(new DispatchSummary(0, 0, 0, 0), await _rig.DispatchAsync(_rig.Pickup, node: "node-a"));

        var row = await _rig.RowAsync(id);
        Assert.Equal(OutboxState.Sending, row.State);
        Assert.Equal("node-b", row.LeaseOwner);
        Assert.False(Directory.Exists(_rig.MailFolder) && Directory.GetFiles(_rig.MailFolder, "*.eml").Length > 0);
    }

    [Fact]
    public async Task Dispatch_LeaseExpiredMidSend_DeadLetteredAsInDoubtNeverResent()
    {
        var id = await _rig.EnqueueAsync();
        await SetSendingAsync(id, "node-b", _rig.Time.GetUtcNow().UtcDateTime.AddMinutes(5));
        _rig.Time.Advance(TimeSpan.FromMinutes(6));

        var run = await _rig.DispatchAsync(_rig.Pickup, node: "node-a");

        Assert.Equal(new DispatchSummary(0, 0, 0, 1), run);
        var row = await _rig.RowAsync(id);
        Assert.Equal(OutboxState.DeadLettered, row.State);
        Assert.Equal(OutboxDispatcher.InDoubtError, row.LastError);
        Assert.Null(row.LeaseOwner);
        Assert.False(File.Exists(Path.Combine(_rig.MailFolder, $"{id:N}.eml")));
        Assert.Single(await _rig.RowsAsync(), r => r.Kind == "officer-delivery-failing");
    }

    [Fact]
    public async Task Dispatch_TwoNodesAtOnce_EachMessageSentExactlyOnce()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add(await _rig.EnqueueAsync(subject: $"Your response: ICS-{i:0000}"));
        }

        var runs = await Task.WhenAll(
            Task.Run(() => _rig.DispatchAsync(_rig.Pickup, node: "node-a")),
            Task.Run(() => _rig.DispatchAsync(_rig.Pickup, node: "node-b")));

        Assert.Equal(40, runs.Sum(r => r.Sent));
        var rows = await _rig.RowsAsync();
        Assert.All(rows, r => Assert.Equal((OutboxState.Sent, 1), (r.State, r.Attempts)));
        Assert.Equal(ids.Select(i => $"{i:N}.eml").Order(), Directory.GetFiles(_rig.MailFolder, "*.eml").Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Dispatch_MoreThanOneClaim_ClaimsTenTogetherAndRecordsTheirOutcomesTogether()
    {
        for (var i = 0; i < 25; i++)
        {
            await _rig.EnqueueAsync(subject: $"Your response: ICS-{i:0000}");
        }

        var seen = new List<(int Sending, int Sent)>();
        var watching = new WatchingTransport(_rig.Pickup, async _ =>
        {
            var rows = await _rig.RowsAsync();
            seen.Add((rows.Count(r => r.State == OutboxState.Sending), rows.Count(r => r.State == OutboxState.Sent)));
        });

        var run = await _rig.DispatchAsync(watching);

        Assert.Equal(new DispatchSummary(25, 0, 0, 0), run);
        var expected = Enumerable.Range(0, 25).Select(i => (Sending: Math.Min(10, 25 - (i / 10 * 10)), Sent: i / 10 * 10));
        Assert.Equal(expected, seen);
        Assert.All(await _rig.RowsAsync(), r => Assert.Equal((OutboxState.Sent, 1, (string?)null), (r.State, r.Attempts, r.LeaseOwner)));
        Assert.Equal(25, Directory.GetFiles(_rig.MailFolder, "*.eml").Length);
    }

    [Fact]
    public async Task Dispatch_MoreDueThanTheBatch_SendsTheBatchAndLeavesTheRestPending()
    {
        for (var i = 0; i < 55; i++)
        {
            await _rig.EnqueueAsync(subject: $"Your response: ICS-{i:0000}");
        }

        Assert.Equal(new DispatchSummary(50, 0, 0, 0), await _rig.DispatchAsync(_rig.Pickup));
        Assert.Equal(5, (await _rig.RowsAsync()).Count(r => r is { State: OutboxState.Pending, Attempts: 0, LeaseOwner: null }));
        Assert.Equal(new DispatchSummary(5, 0, 0, 0), await _rig.DispatchAsync(_rig.Pickup));
    }

    [Fact]
    public async Task Dispatch_LeaseRunningOutMidClaim_StopsAndReturnsTheRestUncounted()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await _rig.EnqueueAsync(subject: $"Your response: ICS-{i:0000}"));
        }

        // Each send takes three of the lease's five minutes: after one, less than half the lease is left.
        var slow = new WatchingTransport(_rig.Pickup, _ =>
        {
            _rig.Time.Advance(TimeSpan.FromMinutes(3));
            return Task.CompletedTask;
        });

        Assert.Equal(new DispatchSummary(1, 0, 0, 0), await _rig.DispatchAsync(slow));
        var rows = await _rig.RowsAsync();
        Assert.Equal((OutboxState.Sent, 1), (rows.Single(r => r.Id == ids[0]).State, rows.Single(r => r.Id == ids[0]).Attempts));
        Assert.All(rows.Where(r => r.Id != ids[0]), r => Assert.Equal((OutboxState.Pending, 0, (string?)null, (DateTime?)null), (r.State, r.Attempts, r.LeaseOwner, r.LeaseExpiresUtc)));

        Assert.Equal(new DispatchSummary(1, 0, 0, 0), await _rig.DispatchAsync(slow));
        Assert.Equal(new DispatchSummary(1, 0, 0, 0), await _rig.DispatchAsync(slow));
        Assert.All(await _rig.RowsAsync(), r => Assert.Equal((OutboxState.Sent, 1), (r.State, r.Attempts)));
    }

    [Fact]
    public async Task Dispatch_NodeStopsMidClaim_TheClaimIsInDoubtAndNeverResent()
    {
        for (var i = 0; i < 12; i++)
        {
            await _rig.EnqueueAsync(subject: $"Your response: ICS-{i:0000}");
        }

        var sends = 0;
        var dying = new WatchingTransport(_rig.Pickup, _ => ++sends == 3 ? throw new InvalidOperationException("The node stopped.") : Task.CompletedTask);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _rig.DispatchAsync(dying));
        Assert.Equal(2, Directory.GetFiles(_rig.MailFolder, "*.eml").Length);
        var stopped = await _rig.RowsAsync();
        Assert.Equal(10, stopped.Count(r => r.State == OutboxState.Sending));

        _rig.Time.Advance(TimeSpan.FromMinutes(6));
        var sent = new List<Guid>();
        var run = await _rig.DispatchAsync(new WatchingTransport(_rig.Pickup, m =>
        {
            sent.Add(m.Id);
            return Task.CompletedTask;
        }));

        Assert.Equal(new DispatchSummary(2, 0, 0, 10), run);
        Assert.Equal(stopped.Where(r => r.State == OutboxState.Pending).Select(r => r.Id).Order(), sent.Order());
        var rows = await _rig.RowsAsync();
        Assert.Equal(10, rows.Count(r => r.State == OutboxState.DeadLettered && r.LastError == OutboxDispatcher.InDoubtError));
    }

    [Fact]
    public async Task Retry_DeadLetter_StartsAfreshAndIsSent()
    {
        var id = await _rig.EnqueueAsync();
        await _rig.DispatchAsync(_rig.Smtp(ClosedPort));
        await using (var db = _rig.Database.CreateContext())
        {
            await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutboxState.DeadLettered));
            Assert.Equal(RetryResult.Queued, await new SentMail(db, _rig.Time).RetryAsync(id, CancellationToken.None));
            Assert.Equal(RetryResult.NotDeadLettered, await new SentMail(db, _rig.Time).RetryAsync(id, CancellationToken.None));
            Assert.Equal(RetryResult.NotFound, await new SentMail(db, _rig.Time).RetryAsync(Guid.NewGuid(), CancellationToken.None));
        }

        Assert.Equal(1, (await _rig.DispatchAsync(_rig.Pickup)).Sent);
        Assert.Equal((OutboxState.Sent, 1), ((await _rig.RowAsync(id)).State, (await _rig.RowAsync(id)).Attempts));
    }

    [Theory]
    [InlineData(1, null, 30)]
    [InlineData(2, null, 60)]
    [InlineData(3, null, 120)]
    [InlineData(10, null, 3600)]
    [InlineData(1, 90, 90)]
    [InlineData(3, 10, 120)]
    public async Task RetryDelay_Attempts_DoublesFromTheFirstDelayCappedAndRetryAfterWins(int attempts, int? retryAfterSeconds, int expectedSeconds)
    {
        await using var db = _rig.Database.CreateContext();
        var dispatcher = _rig.Dispatcher(db, _rig.Pickup);

        var delay = dispatcher.RetryDelay(attempts, retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    private async Task SetSendingAsync(Guid id, string node, DateTime leaseUntil)
    {
        await using var db = _rig.Database.CreateContext();
        await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, OutboxState.Sending)
            .SetProperty(m => m.LeaseOwner, node)
            .SetProperty(m => m.LeaseExpiresUtc, leaseUntil)
            .SetProperty(m => m.Attempts, 1));
    }

    /// <summary>The real transport, with something done just before each send (look at the rows, move the clock, or stop).</summary>
    private sealed class WatchingTransport(IEmailTransport inner, Func<EmailEnvelope, Task> beforeSend) : IEmailTransport
    {
        public string Name => inner.Name;

        public async Task<SendResult> SendAsync(EmailEnvelope message, CancellationToken cancellationToken)
        {
            await beforeSend(message);
            return await inner.SendAsync(message, cancellationToken);
        }
    }
}
