using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using EngagementPortal.Core.Tests.Coding;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Core.Tests.Consultations;

public sealed class ConsultationDashboardTests : IDisposable
{
    private static readonly DateTime Opens = new(2020, 10, 20, 0, 0, 0, DateTimeKind.Utc);
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2020, 10, 28, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _database.Dispose();

    private async Task<Guid> SeedAsync()
    {
        await using var db = _database.CreateContext();
        var id = await SeededConsultation.CreateAsync(db, Opens, new DateTime(2021, 1, 8, 23, 59, 0, DateTimeKind.Utc), new DateTime(2020, 12, 21, 17, 0, 0, DateTimeKind.Utc));

        // 23:30 UTC on 24 October is 00:30 on 25 October in BST; the clocks went back at 01:00 UTC on 25 October.
        await SeededConsultation.RespondAsync(db, id, new DateTime(2020, 10, 24, 23, 30, 0, DateTimeKind.Utc), agree: "Agree", services: ["GP", "Pharmacy"]);
        await SeededConsultation.RespondAsync(db, id, new DateTime(2020, 10, 25, 12, 0, 0, DateTimeKind.Utc), agree: "Agree", services: ["GP"], channel: ResponseChannel.Letter);
        await SeededConsultation.RespondAsync(db, id, new DateTime(2020, 10, 25, 13, 0, 0, DateTimeKind.Utc), agree: "Disagree", services: ["Other, please specify"], other: "Dentist", type: RespondentType.Organisation);
        await SeededConsultation.RespondAsync(db, id, new DateTime(2020, 10, 27, 9, 0, 0, DateTimeKind.Utc), services: ["GP", "Pharmacy"], moderation: ModerationState.Campaign);
        await SeededConsultation.RespondAsync(db, id, new DateTime(2020, 10, 27, 9, 5, 0, DateTimeKind.Utc), agree: "Agree", moderation: ModerationState.Duplicate);
        await SeededConsultation.RespondAsync(db, id, new DateTime(2020, 10, 27, 9, 6, 0, DateTimeKind.Utc), agree: "Agree", moderation: ModerationState.Spam);
        return id;
    }

    private ConsultationDashboard Dashboard(EngagementPortal.Core.Data.PortalDbContext db) => new(db, _time);

    [Fact]
    public async Task Figures_CountOnlyNoneAndCampaign_AndReportTheRestApart()
    {
        var id = await SeedAsync();
        await using var db = _database.CreateContext();

        var figures = (await Dashboard(db).FiguresAsync(id))!;

        Assert.Equal((4, 1), (figures.Counted, figures.Campaign));
        Assert.Equal([("Duplicates", 1), ("Spam", 1), ("Withdrawn", 0)], figures.LeftOut.Select(l => (l.Name, l.Count)));
        Assert.Equal(3, figures.ByRespondentType.Single(t => t.Name == "Individuals").Count);
        Assert.Equal(1, figures.ByRespondentType.Single(t => t.Name == "Organisations (public form)").Count);
        Assert.Equal((3, 1), (figures.ByChannel.Single(c => c.Name == "Online").Count, figures.ByChannel.Single(c => c.Name == "Letter").Count));
    }

    [Fact]
    public async Task ByDay_UsesUkDays_FromOpeningToToday_WithZeros()
    {
        var id = await SeedAsync();
        await using var db = _database.CreateContext();

        var figures = (await Dashboard(db).FiguresAsync(id))!;

        Assert.Equal(new DateOnly(2020, 10, 20), figures.ByDay[0].Day);
        Assert.Equal(new DateOnly(2020, 10, 28), figures.ByDay[^1].Day);
        var days = figures.ByDay.ToDictionary(d => d.Day, d => d.Count);
        Assert.Equal(0, days[new DateOnly(2020, 10, 24)]);
        Assert.Equal(3, days[new DateOnly(2020, 10, 25)]);
        Assert.Equal(1, days[new DateOnly(2020, 10, 27)]);
        Assert.Equal(4, figures.ByDay.Sum(d => d.Count));
    }

    [Fact]
    public async Task Tallies_CountChoicesAndTicks_OfCountedResponses()
    {
        var id = await SeedAsync();
        await using var db = _database.CreateContext();

        var figures = (await Dashboard(db).FiguresAsync(id))!;

        var agree = figures.Questions.Single(q => q.Key == "q-ad");
        Assert.Equal(2, agree.Options.Single(o => o.Name == "Agree").Count);
        Assert.Equal(1, agree.Options.Single(o => o.Name == "Disagree").Count);
        Assert.Equal(1, agree.NotAnswered);
        var services = figures.Questions.Single(q => q.Key == "q-mc");
        Assert.Equal([("GP", 3), ("Pharmacy", 2), ("Other, please specify", 1)], services.Options.Select(o => (o.Name, o.Count)));
        Assert.Equal(0, services.NotAnswered);
        Assert.DoesNotContain(figures.Questions, q => q.Key == "q-ft");
    }

    [Fact]
    public async Task TimeLeft_InUkDays_ToCloseAndToThePartnershipDeadline()
    {
        var id = await SeedAsync();
        await using var db = _database.CreateContext();

        var figures = (await Dashboard(db).FiguresAsync(id))!;

        Assert.Equal((72, false), (figures.Closes.Days, figures.Closes.Passed));
        Assert.Equal((54, false), (figures.PartnershipDeadline!.Days, figures.PartnershipDeadline.Passed));
        _time.SetUtcNow(new DateTimeOffset(2021, 1, 10, 9, 0, 0, TimeSpan.Zero));
        var after = (await Dashboard(db).FiguresAsync(id))!;
        Assert.Equal((-2, true), (after.Closes.Days, after.Closes.Passed));
        Assert.Equal(new DateOnly(2021, 1, 8), after.ByDay[^1].Day);
    }

    [Fact]
    public async Task UnknownConsultation_IsNull()
    {
        await using var db = _database.CreateContext();

        Assert.Null(await Dashboard(db).FiguresAsync(Guid.NewGuid()));
    }
}
