using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace QualityGates.Web.Data.Summaries;

/// <summary>
/// Reads a facts record from an entity by the names of the record's constructor parameters: from a tracked
/// entry's original or current values (a change), or as a projection in SQL (a rebuild). One list of columns.
/// </summary>
internal static class Facts<TEntity, TFacts>
{
    private static readonly ConstructorInfo _constructor = typeof(TFacts).GetConstructors().Single();

    private static readonly string[] _names = _constructor.GetParameters().Select(p => p.Name!).ToArray();

    public static Expression<Func<TEntity, TFacts>> Projection { get; } = BuildProjection();

    public static TFacts From(PropertyValues values) => (TFacts)_constructor.Invoke(_names.Select(n => values[n]).ToArray());

    private static Expression<Func<TEntity, TFacts>> BuildProjection()
    {
        var entity = Expression.Parameter(typeof(TEntity), "e");
        return Expression.Lambda<Func<TEntity, TFacts>>(
            Expression.New(_constructor, _names.Select(n => Expression.Property(entity, n))), entity);
    }
}
