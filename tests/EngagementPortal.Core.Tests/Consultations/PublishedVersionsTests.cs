using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Content;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Tests.Consultations;

public sealed class PublishedVersionsTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2020, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly PublishedVersions _published = new();
    private readonly ConsultationChangeSignal _signal;

    public PublishedVersionsTests() => _signal = new ConsultationChangeSignal(_published);

    public void Dispose()
    {
        _published.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task SameVersion_AskedTwice_IsReadOnceAndShared()
    {
        await ImportAsync();
        await using var first = _database.CreateContext();
        await using var second = _database.CreateContext();

        var a = await new ConsultationQueries(first, _time, _published).FindPublishedAsync("integrating-care");
        var b = await new ConsultationQueries(second, _time, _published).FindForDisplayAsync("integrating-care");

        Assert.NotNull(a);
        Assert.Same(a, b);
    }

    [Fact]
    public async Task VersionChangedInPlace_IsReadAfresh()
    {
        await ImportAsync();
        await using (var db = _database.CreateContext(_signal))
        {
            Assert.NotNull(await new ConsultationQueries(db, _time, _published).FindPublishedAsync("integrating-care"));
        }

        // A demonstration shift and a withdrawal both change a published version's row in place.
        await using (var db = _database.CreateContext(_signal))
        {
            var version = await db.ConsultationVersions.SingleAsync(v => v.State == VersionState.Published);
            version.ApplyDemoShift(7);
            await db.SaveChangesAsync();
        }

        await using (var db = _database.CreateContext(_signal))
        {
            var shifted = await new ConsultationQueries(db, _time, _published).FindPublishedAsync("integrating-care");
            Assert.Equal(7, shifted!.DemoShiftDays);
            var consultation = await db.Consultations.SingleAsync();
            consultation.UnpublishedUtc = _time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
        }

        await using (var db = _database.CreateContext(_signal))
        {
            var queries = new ConsultationQueries(db, _time, _published);
            Assert.Null(await queries.FindPublishedAsync("integrating-care"));
            Assert.NotNull((await queries.FindForDisplayAsync("integrating-care"))!.Consultation.UnpublishedUtc);
        }
    }

    [Fact]
    public async Task ScheduledUnpublish_PassesWithoutAnySave_VersionGoesAtThatInstant()
    {
        await ImportAsync();
        await using (var db = _database.CreateContext(_signal))
        {
            var version = await db.ConsultationVersions.SingleAsync(v => v.State == VersionState.Published);
            version.UnpublishAtUtc = _time.GetUtcNow().UtcDateTime.AddMinutes(1);
            await db.SaveChangesAsync();
        }

        await using var reader = _database.CreateContext();
        var queries = new ConsultationQueries(reader, _time, _published);
        Assert.NotNull(await queries.FindPublishedAsync("integrating-care"));

        // The stamps stay cached; the instant is compared with the clock on each request.
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await queries.FindPublishedAsync("integrating-care"));
        Assert.Null(await queries.FindForDisplayAsync("integrating-care"));
    }

    [Fact]
    public async Task ChangeSavedWithoutTheSignal_IsSeenOnceTheStampsExpire()
    {
        // Another process's save: nothing here is told, so the stamps are kept for their short lifetime only.
        await ImportAsync();
        await using (var db = _database.CreateContext())
        {
            Assert.NotNull(await new ConsultationQueries(db, _time, _published).FindPublishedAsync("integrating-care"));
            var consultation = await db.Consultations.SingleAsync();
            consultation.UnpublishedUtc = _time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
            Assert.NotNull(await new ConsultationQueries(db, _time, _published).FindPublishedAsync("integrating-care"));
        }

        await Task.Delay(PublishedVersions.StampLifetime + TimeSpan.FromMilliseconds(100));
        await using var later = _database.CreateContext();
        Assert.Null(await new ConsultationQueries(later, _time, _published).FindPublishedAsync("integrating-care"));
    }

    [Fact]
    public void Rendered_IsMadeOncePerContent()
    {
        var version = new ConsultationVersion { Id = Guid.NewGuid(), Title = "t", Summary = "s", Body = "# Heading", ContentHash = "h1" };
        var renders = 0;
        string Render(ConsultationVersion v)
        {
            renders++;
            return SafeMarkdown.ToHtml(v.Body);
        }

        var first = _published.Rendered(version, "body", Render);
        var again = _published.Rendered(version, "body", Render);
        version.ContentHash = "h2";
        _published.Rendered(version, "body", Render);

        Assert.Equal(first, again);
        Assert.Equal(2, renders);
    }

    private async Task ImportAsync()
    {
        await using var db = _database.CreateContext();
        var demo = new DemoWindow(db, _time, Microsoft.Extensions.Options.Options.Create(new DemoOptions()));
        var package = ContentPackage.ReadConsultations(Repository.ContentPackages).Single(c => c.Slug == "integrating-care");
        await new ConsultationImport(db, _time, demo).ImportAsync(ContentOrigin.Package, [package]);
    }
}
