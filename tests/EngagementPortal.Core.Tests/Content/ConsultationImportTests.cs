using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Content;
using EngagementPortal.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Tests.Content;

public sealed class ConsultationImportTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _database.Dispose();

    private async Task<IReadOnlyList<ImportResult>> ImportAsync(params ConsultationContent[] items)
    {
        await using var db = _database.CreateContext();
        var import = new ConsultationImport(db, _time, new DemoWindow(db, _time, Options.Create(new DemoOptions())));
        return await import.ImportAsync(ContentOrigin.Package, items);
    }

    private static ConsultationContent Package() => ContentPackage.ReadConsultations(Repository.ContentPackages).Single(c => c.Slug == "integrating-care");

    [Fact]
    public async Task Import_Twice_CreatesOnceThenChangesNothing()
    {
        var first = await ImportAsync(Package());
        var second = await ImportAsync(Package());

        Assert.Equal(ImportOutcome.Created, Assert.Single(first).Outcome);
        Assert.Equal(ImportOutcome.Unchanged, Assert.Single(second).Outcome);
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Consultations.CountAsync());
        Assert.Equal(1, await db.ConsultationVersions.CountAsync());
    }

    [Fact]
    public async Task Import_ChangedPackage_PublishesANewVersionAndKeepsTheOld()
    {
        await ImportAsync(Package());
        var results = await ImportAsync(Package() with { Summary = "A corrected summary." });

        var result = Assert.Single(results);
        Assert.Equal(ImportOutcome.Updated, result.Outcome);
        Assert.Equal(2, result.VersionNumber);
        await using var db = _database.CreateContext();
        var versions = await db.ConsultationVersions.OrderBy(v => v.Number).ToListAsync();
        Assert.Equal([VersionState.Superseded, VersionState.Published], versions.Select(v => v.State));
        Assert.Equal("A corrected summary.", versions[1].Summary);
    }

    [Fact]
    public async Task Import_SlugUsedByAnotherConsultation_IsSkipped()
    {
        await ImportAsync(Package());
        var results = await ImportAsync(Package() with { OriginKey = "another-key" });

        Assert.Equal(ImportOutcome.SlugTaken, Assert.Single(results).Outcome);
    }

    [Fact]
    public async Task Import_StoresQuestionsAndDatesThatReadBackUtc()
    {
        await ImportAsync(Package());
        await using var db = _database.CreateContext();
        var version = await db.ConsultationVersions.SingleAsync();

        Assert.Equal(4, version.Questions.Count);
        Assert.Equal(DateTimeKind.Utc, version.ClosesUtc.Kind);
        Assert.Equal(new DateTime(2021, 1, 8, 23, 59, 59, DateTimeKind.Utc), version.ClosesUtc);
        Assert.Equal(ConsultationPhase.Open, version.PhaseAt(_time.GetUtcNow().UtcDateTime));
    }
}
