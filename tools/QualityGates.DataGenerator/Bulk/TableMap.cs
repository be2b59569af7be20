using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace QualityGates.DataGenerator.Bulk;

/// <summary>
/// One entity type's table as the provider's EF model describes it: table and column names, store types
/// and value converters. The generator writes through this, so a renamed column or a new property on an
/// entity needs no change here; only a shadow property other than a foreign key to the owner is refused.
/// </summary>
public sealed class TableMap
{
    private TableMap(string table, string? schema, IReadOnlyList<ColumnMap> columns, IProperty key, string keyColumn)
    {
        KeyColumn = keyColumn;
        Table = table;
        Schema = schema;
        Columns = columns;
        Key = key;
    }

    public string Table { get; }

    public string? Schema { get; }

    public IReadOnlyList<ColumnMap> Columns { get; }

    public IProperty Key { get; }

    public string KeyColumn { get; }

    public static TableMap For<TEntity>(DbContext db) => For(db.Model.FindEntityType(typeof(TEntity))
        ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model."));

    public static TableMap For(IEntityType entityType)
    {
        var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no table.");
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var columns = new List<ColumnMap>();
        foreach (var property in entityType.GetProperties())
        {
            columns.Add(ColumnMap.Of(property, store, entityType));
        }

        AddComplex(entityType, store, columns, entityType);
        var key = entityType.FindPrimaryKey()?.Properties.Single()
                  ?? throw new InvalidOperationException($"{entityType.DisplayName()} needs a single-column key.");
        return new TableMap(table, entityType.GetSchema(), columns, key, key.GetColumnName(store)!);
    }

    private static void AddComplex(ITypeBase type, StoreObjectIdentifier store, List<ColumnMap> columns, IEntityType root)
    {
        foreach (var complex in type.GetComplexProperties())
        {
            foreach (var property in complex.ComplexType.GetProperties())
            {
                columns.Add(ColumnMap.Of(property, store, root));
            }

            AddComplex(complex.ComplexType, store, columns, root);
        }
    }
}

/// <summary>A column and how to read its store value from an entity (and, for a shadow foreign key, its owner).</summary>
public sealed class ColumnMap
{
    private readonly Func<object, object?, object?> _read;

    private ColumnMap(string name, RelationalTypeMapping mapping, Func<object, object?, object?> read)
    {
        Name = name;
        Mapping = mapping;
        _read = read;
    }

    public string Name { get; }

    public RelationalTypeMapping Mapping { get; }

    /// <summary>The value as the provider stores it: converters applied (enums as text, UTC timestamps).</summary>
    public object? StoreValue(object entity, object? owner)
    {
        var value = _read(entity, owner);
        if (value is not null && Mapping.Converter is { } converter)
        {
            value = converter.ConvertToProvider(value);
        }

        return value;
    }

    internal static ColumnMap Of(IProperty property, StoreObjectIdentifier store, IEntityType root)
    {
        var name = property.GetColumnName(store)
                   ?? throw new InvalidOperationException($"{root.DisplayName()}.{property.Name} has no column in {store.Name}.");
        var mapping = property.GetRelationalTypeMapping();

        // A child of an aggregate (a review's answers, an action's feedback links) carries its owner's key, which
        // EF would fix up on save: with an owner given, the key comes from the owner, shadow property or not.
        var toOwner = property.GetContainingForeignKeys().FirstOrDefault(k => k.DependentToPrincipal is null && k.PrincipalToDependent is not null);
        if (toOwner is not null)
        {
            var principal = toOwner.PrincipalKey.Properties[toOwner.Properties.ToList().IndexOf(property)].GetGetter();
            var own = property.IsShadowProperty() ? null : property.GetGetter();
            return new ColumnMap(name, mapping, (entity, owner) => owner is not null
                ? principal.GetClrValueUsingContainingEntity(owner)
                : own?.GetClrValueUsingContainingEntity(entity)
                  ?? throw new InvalidOperationException($"{root.DisplayName()}.{property.Name} needs its owner."));
        }

        if (property.IsShadowProperty())
        {
            throw new InvalidOperationException(
                $"{root.DisplayName()}.{property.Name} is a shadow property the generator cannot fill; give it a value in the domain.");
        }

        var getter = property.GetGetter();
        return new ColumnMap(name, mapping, (entity, _) => getter.GetClrValueUsingContainingEntity(entity));
    }
}

/// <summary>An entity to write, with the aggregate root that owns it when its table keeps the owner's key in a shadow column.</summary>
public readonly record struct EntityRow(object Entity, object? Owner = null);
