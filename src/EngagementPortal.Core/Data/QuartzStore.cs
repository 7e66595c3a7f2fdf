using Microsoft.Data.Sqlite;
using Quartz;

namespace EngagementPortal.Core.Data;

/// <summary>
/// Where Quartz keeps its jobs and triggers: the portal's own database, tables prefixed <c>qrtz_</c> and created by
/// the hand-written migration (Quartz only validates them). The provider-specific part of the scheduler lives here,
/// so PostgreSQL (and clustering) is one more case later.
/// </summary>
public static class QuartzStore
{
    public const string TablePrefix = "qrtz_";

    public static void UsePortalDatabase(this IPersistentStoreBuilder store, PortalConnection connection)
    {
        if (connection.Provider != PortalConnection.Sqlite)
        {
            throw new InvalidOperationException($"The job store does not support Database:Provider '{connection.Provider}' yet.");
        }

        store.UseSqlite(SqliteFactory.Instance, connection.ConnectionString);
        store.ConfigureStore(options =>
        {
            options.TablePrefix = TablePrefix;
            options.SchemaProvisioning = SchemaProvisioning.Validate;
        });
    }
}
