using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Infrastructure;

public sealed class ContentImportOnStartTests
{
    [Fact]
    public async Task Restart_OnTheSameDatabase_ImportsNothingTwice()
    {
        using var first = new PortalFactory();
        _ = first.CreatePortalClient();
        using var second = new SharedFileFactory(first.DatabaseFile);
        _ = second.CreatePortalClient();

        await using var scope = second.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(1, await db.Consultations.CountAsync());
        Assert.Equal(1, await db.ConsultationVersions.CountAsync());
    }

    private sealed class SharedFileFactory(string file) : PortalFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Portal", $"Data Source={file}");
        }
    }
}
