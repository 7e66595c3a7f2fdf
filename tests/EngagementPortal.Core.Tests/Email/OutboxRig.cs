using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Email.Transports;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Tests.Email;

/// <summary>A real SQLite outbox, a clock the test moves, and dispatchers built over any real transport.</summary>
public sealed class OutboxRig : IDisposable
{
    public TestDatabase Database { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2021, 1, 4, 9, 0, 0, TimeSpan.Zero));

    public EmailOptions Email { get; } = new() { From = "engagement@example.nhs.uk", FromName = "Humber, Coast and Vale Health and Care Partnership", OfficerNotifications = ["officer@example.nhs.uk"] };

    public OutboxOptions Outbox { get; } = new() { MaxAttempts = 3, FirstRetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromHours(1), LeaseDuration = TimeSpan.FromMinutes(5), BatchSize = 50 };

    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "engagementportal-tests", "mail-" + Guid.NewGuid().ToString("N"));

    public PickupTransport Pickup => new(Options.Create(Email), new PickupFolder(MailFolder));

    public SmtpTransport Smtp(int port) => new(Options.Create(new EmailOptions { From = Email.From, FromName = Email.FromName, Transport = EmailTransportKind.Smtp, Smtp = { Host = "127.0.0.1", Port = port }, SendTimeout = TimeSpan.FromSeconds(10) }));

    public async Task<Guid> EnqueueAsync(string to = "resident@example.org", string subject = "Your response: ICS-7Q4K", string kind = "response-receipt", Guid? consultationId = null)
    {
        await using var db = Database.CreateContext();
        var message = new EmailOutbox(db, Time).Enqueue(kind, to, subject, $"Thank you. Your reference is {subject[^8..]}.", $"<p>Thank you. Your reference is <strong>{subject[^8..]}</strong>.</p>", null, consultationId).Message!;
        await db.SaveChangesAsync();
        return message.Id;
    }

    /// <summary>A row with an address the outbox now refuses, as rows queued before addresses were checked at enqueue
    /// are: the dispatcher must still dead-letter them rather than retry for ever.</summary>
    public async Task<Guid> InsertUnsendableAsync(string to, string kind = "response-receipt")
    {
        await using var db = Database.CreateContext();
        var now = Time.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage { Id = Guid.NewGuid(), Kind = kind, To = to, Subject = "Your response: ICS-7Q4K", TextBody = "Text", HtmlBody = "<p>Html</p>", State = OutboxState.Pending, CreatedUtc = now, NextAttemptUtc = now };
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    public async Task<DispatchSummary> DispatchAsync(IEmailTransport transport, string node = "node-a")
    {
        await using var db = Database.CreateContext();
        return await Dispatcher(db, transport, node).DispatchDueAsync(CancellationToken.None);
    }

    public OutboxDispatcher Dispatcher(PortalDbContext db, IEmailTransport transport, string node = "node-a") =>
        new(db, transport, Notices(db), Options.Create(Outbox), new OutboxNode(node), Time, NullLogger<OutboxDispatcher>.Instance);

    public OfficerNotices Notices(PortalDbContext db) =>
        new(new EmailOutbox(db, Time), new ConfiguredOfficerRecipients(Options.Create(Email)), Options.Create(Email), db);

    public async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var db = Database.CreateContext();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedUtc).ToListAsync();
    }

    public async Task<OutboxMessage> RowAsync(Guid id)
    {
        await using var db = Database.CreateContext();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    public void Dispose()
    {
        Database.Dispose();
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }
}
