using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace EngagementPortal.Core.Data;

/// <summary>
/// Inserts many rows of one entity type with one INSERT statement per chunk, in the current transaction, with the
/// columns, names and value conversions taken from EF's model. Why: EF sends one statement per row, and SQLite
/// prepares each afresh; a statement on <c>response_answers</c> also compiles its full-text triggers, about 0.3 ms
/// a prepare, so a response's answers cost several milliseconds inside the write lock (docs/adr/0034). The rows are
/// not tracked, and an integer key the database generates is left to it.
/// </summary>
public static class MultiRowInsert
{
    // SQLite allows 32,766 parameters a statement; a chunk stays well under, and a few chunk sizes keep few plans.
    private const int MaxRowsPerStatement = 500;

    public static async Task InsertRowsAsync<T>(this DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var (prefix, columns) = Tables.GetOrAdd(entityType, Describe, db.GetService<ISqlGenerationHelper>());
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();

        for (var start = 0; start < rows.Count; start += MaxRowsPerStatement)
        {
            var count = Math.Min(MaxRowsPerStatement, rows.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(prefix);
            // One parameter per distinct value of a column (a group's consultation, a response's id across its answers),
            // and NULL written as such: SQLite finds a parameter by name with a linear search of the statement's names,
            // so a statement of thousands of parameters spent more time binding them than inserting (docs/adr/0034).
            var names = new Dictionary<(int Column, object Value), string>();
            for (var r = 0; r < count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    text.Append(c == 0 ? "" : ", ");
                    var value = columns[c].Value(rows[start + r]);
                    if (value is null)
                    {
                        text.Append("NULL");
                        continue;
                    }

                    var shared = Column.HasValueEquality(value);
                    if (!shared || !names.TryGetValue((c, value), out var name))
                    {
                        name = string.Create(CultureInfo.InvariantCulture, $"@p{command.Parameters.Count}");
                        command.Parameters.Add(columns[c].Stored.Parameter(command, name, value));
                        if (shared)
                        {
                            names[(c, value)] = name;
                        }
                    }

                    text.Append(name);
                }

                text.Append(')');
            }

            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // The model does not change while the process runs: each table's statement head and columns are worked out once.
    private static readonly ConcurrentDictionary<IEntityType, (string Prefix, IReadOnlyList<Column> Columns)> Tables = new();

    private static (string Prefix, IReadOnlyList<Column> Columns) Describe(IEntityType entityType, ISqlGenerationHelper sql)
    {
        var columns = entityType.GetProperties().Where(p => !IsStoreGeneratedKey(p)).Select(p => new Column(ModelColumn.Of(p, sql))).ToList();
        var prefix = new StringBuilder("INSERT INTO ").Append(ModelColumn.QuotedTable(entityType, sql)).Append(" (")
            .AppendJoin(", ", columns.Select(c => c.Stored.Quoted)).Append(") VALUES ").ToString();
        return (prefix, columns);
    }

    private static bool IsStoreGeneratedKey(IProperty property) =>
        property.IsPrimaryKey() && property.ValueGenerated == ValueGenerated.OnAdd && (property.ClrType == typeof(long) || property.ClrType == typeof(int));

    private sealed class Column(ModelColumn stored)
    {
        private readonly IClrPropertyGetter getter = stored.Property.IsShadowProperty()
            ? throw new InvalidOperationException($"{stored.Property.DeclaringType.DisplayName()}.{stored.Property.Name} is a shadow property; insert it through EF.")
            : stored.Property.GetGetter();

        public ModelColumn Stored { get; } = stored;

        public object? Value(object row) => getter.GetClrValueUsingContainingEntity(row);

        /// <summary>Values that two rows can share a parameter for: equal means the same stored value. Lists and other
        /// reference types compare by reference, so they get a parameter each.</summary>
        public static bool HasValueEquality(object value) => value is string || value.GetType().IsValueType;
    }
}
