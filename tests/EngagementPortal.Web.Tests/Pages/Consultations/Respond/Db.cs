using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.Consultations.Respond;

public static class Db
{
    public static async Task<T> QueryAsync<T>(PortalFactory factory, Func<PortalDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await query(db);
    }

    public static Task<int> ResponseCountAsync(PortalFactory factory) => QueryAsync(factory, db => db.Responses.CountAsync());
}
