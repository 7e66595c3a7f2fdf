using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EngagementPortal.Core.Data;

/// <summary>
/// Lets SQLite itself wait for a busy database (its own handler retries within milliseconds) instead of
/// Microsoft.Data.Sqlite's managed loop, which sleeps 150 ms between tries: a background job's write colliding with a
/// submit cost that submit 150 ms or more (docs/adr/0007). Set on every open: a pooled connection keeps it anyway.
/// </summary>
public sealed class SqliteBusyTimeout(TimeSpan timeout) : DbConnectionInterceptor
{
    private readonly string pragma = $"PRAGMA busy_timeout = {(int)timeout.TotalMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        command.ExecuteNonQuery();
    }
}
