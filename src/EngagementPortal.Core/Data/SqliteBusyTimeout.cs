using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EngagementPortal.Core.Data;

/// <summary>
/// Lets SQLite itself wait for a busy database (its own handler retries within milliseconds) instead of
/// Microsoft.Data.Sqlite's managed loop, which sleeps 150 ms between tries: a background job's write colliding with a
/// submit cost that submit 150 ms or more (docs/adr/0007). Set once per native connection: the pool hands the same
/// one out again, and it keeps the setting, so a request that reuses it runs no extra statement.
/// </summary>
public sealed class SqliteBusyTimeout(TimeSpan timeout) : DbConnectionInterceptor
{
    private readonly string pragma = $"PRAGMA busy_timeout = {(int)timeout.TotalMilliseconds};";

    private readonly ConditionalWeakTable<object, object> set = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = pragma;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // The native handle outlives the pooled SqliteConnection objects that wrap it in turn.
    private bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || set.TryAdd(handle, this);
}
