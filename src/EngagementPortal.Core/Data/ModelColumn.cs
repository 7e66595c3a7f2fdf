using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace EngagementPortal.Core.Data;

/// <summary>
/// A property's column as EF's model stores it, for the few statements written by hand where EF's own pipeline cost
/// too much (docs/adr/0034, 0147): its quoted name, and parameters bound with the model's type mapping and value
/// converter (a Guid as SQLite's upper-case text, an instant as UTC, a list as JSON), so that a hand-written statement
/// reads and writes exactly what EF would. Worked out once per property: the model does not change while the process runs.
/// </summary>
public sealed class ModelColumn
{
    private static readonly ConcurrentDictionary<IProperty, ModelColumn> Described = new();

    private readonly RelationalTypeMapping mapping;

    private ModelColumn(IProperty property, ISqlGenerationHelper sql)
    {
        Property = property;
        mapping = property.GetRelationalTypeMapping();
        Name = property.GetColumnName();
        Quoted = sql.DelimitIdentifier(Name);
    }

    public IProperty Property { get; }

    /// <summary>The column's name in its table.</summary>
    public string Name { get; }

    /// <summary>The name quoted for the provider's SQL.</summary>
    public string Quoted { get; }

    public static ModelColumn Of<TEntity>(DbContext db, string property) =>
        Of(EntityType<TEntity>(db).FindProperty(property) ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{property} is not in the model."), db.GetService<ISqlGenerationHelper>());

    public static ModelColumn Of(IProperty property, ISqlGenerationHelper sql) => Described.GetOrAdd(property, static (p, s) => new ModelColumn(p, s), sql);

    /// <summary>The entity's table, quoted for the provider's SQL.</summary>
    public static string QuotedTable<TEntity>(DbContext db) => QuotedTable(EntityType<TEntity>(db), db.GetService<ISqlGenerationHelper>());

    public static string QuotedTable(IEntityType entityType, ISqlGenerationHelper sql) =>
        sql.DelimitIdentifier(entityType.GetTableName() ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no table."), entityType.GetSchema());

    /// <summary>A parameter carrying <paramref name="value"/> as this column stores it.</summary>
    public DbParameter Parameter(DbCommand command, string name, object? value) => mapping.CreateParameter(command, name, value, Property.IsNullable);

    private static IEntityType EntityType<TEntity>(DbContext db) =>
        db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
}
