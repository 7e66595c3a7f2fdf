using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Infrastructure;

public sealed class IdentityModelTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Identity shapes its tables from the host's IdentityOptions (schema version); the hand-written migration
    /// is proved against a context built without the host, so the two must describe the same schema.</summary>
    [Fact]
    public async Task AppModel_EqualsTheModelTheMigrationsAreCheckedAgainst()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var app = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.GenerateCreateScript();
        await using var plain = new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.Equal(plain.Database.GenerateCreateScript(), app);
        Assert.Contains("CREATE TABLE \"users\"", app, StringComparison.Ordinal);
    }
}
