using EngagementPortal.Core.Email;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Tests.Email;

public sealed class EmailOutboxTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 1, 4, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData("resident@example.org")]
    [InlineData("first.last+consultations@nhs.net")]
    [InlineData("o'brien@hullcc.example.gov.uk")]
    public void IsValid_OrdinaryAddress_True(string address) => Assert.True(EmailAddresses.IsValid(address));

    [Theory]
    [InlineData("")]
    [InlineData("resident")]
    [InlineData("resident@example")]
    [InlineData("resident@@example.org")]
    [InlineData("resident @example.org")]
    [InlineData("Resident <resident@example.org>")]
    [InlineData("resident@example.org\r\nBcc: everyone@example.org")]
    [InlineData("resident@example.org.")]
    [InlineData("\"resident\"@example.org, other@example.org")]
    public void IsValid_NotOneBareAddress_False(string address) => Assert.False(EmailAddresses.IsValid(address));

    [Fact]
    public void IsValid_LongerThan254Characters_False() =>
        Assert.False(EmailAddresses.IsValid(new string('a', 64) + "@" + new string('b', 186) + ".org"));

    [Fact]
    public async Task Enqueue_InvalidAddress_RefusedWithResultAndNothingQueued()
    {
        await using (var db = _database.CreateContext())
        {
            var outbox = new EmailOutbox(db, _time);
            var refused = outbox.Enqueue("response-receipt", "not an address", "Your response", "Text", "<p>Html</p>");
            var queued = outbox.Enqueue("response-receipt", "resident@example.org", "Your response", "Text", "<p>Html</p>");

            Assert.Equal((EnqueueOutcome.InvalidAddress, (OutboxMessage?)null), (refused.Outcome, refused.Message));
            Assert.False(refused.Queued);
            Assert.True(queued.Queued);
            Assert.Equal("resident@example.org", queued.Message.To);
            await db.SaveChangesAsync();
        }

        await using var check = _database.CreateContext();
        Assert.Equal(["resident@example.org"], await check.OutboxMessages.Select(m => m.To).ToListAsync());
    }
}
