using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace QualityGates.Web.Pages.Shared;

/// <summary>
/// A page of a long list, read from a position rather than counted off from the start ("keyset paging"): a page
/// starts after the last row of the one before, through the index of the order, so the 500th page costs what
/// the first costs. <see cref="Previous"/> and <see cref="Next"/> are the opaque positions of the pages either side.
/// </summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, string? Previous, string? Next, ListCount Count);

/// <summary>How many rows a list has: exactly, or "more than <see cref="Value"/>" where counting further would read the whole history.</summary>
public sealed record ListCount(long Value, bool IsCapped)
{
    public const int Cap = 10_000;

    /// <summary>Counts at most <see cref="Cap"/> + 1 rows.</summary>
    public static async Task<ListCount> CappedAsync<T>(IQueryable<T> query, CancellationToken ct = default)
    {
        var counted = await query.Take(Cap + 1).CountAsync(ct);
        return counted > Cap ? new ListCount(Cap, IsCapped: true) : new ListCount(counted, IsCapped: false);
    }
}

public static class KeysetOrder
{
    /// <summary>Ordered by <paramref name="key"/> (a string, an enum stored by name, or a comparable value), then by id the same way.</summary>
    public static KeysetOrder<T> By<T, TKey, TId>(Expression<Func<T, TKey>> key, Expression<Func<T, TId>> id, bool descending = false)
        where TId : struct => new(key, id, descending);

    /// <summary>Ordered by the id alone (an int or long), by default newest first.</summary>
    public static KeysetOrder<T> ById<T, TId>(Expression<Func<T, TId>> id, bool descending = true)
        where TId : struct => new(id, id, descending);
}

/// <summary>An order of a list by one key and the id (for ties), that reads a page before or after a position.</summary>
public sealed class KeysetOrder<T>
{
    private readonly LambdaExpression _key;
    private readonly LambdaExpression _id;
    private readonly bool _descending;
    private readonly Func<T, object?> _keyOf;
    private readonly Func<T, long> _idOf;

    internal KeysetOrder(LambdaExpression key, LambdaExpression id, bool descending)
    {
        _key = key;
        _id = id;
        _descending = descending;
        _keyOf = (Func<T, object?>)Expression.Lambda(Expression.Convert(key.Body, typeof(object)), key.Parameters).Compile();
        _idOf = (Func<T, long>)Expression.Lambda(Expression.Convert(id.Body, typeof(long)), id.Parameters).Compile();
    }

    private Type KeyType => _key.ReturnType;

    /// <summary>
    /// The page after <paramref name="after"/> in this order, or before <paramref name="before"/>, or the first; a
    /// cursor that does not read as a position of this order is ignored (the first page).
    /// </summary>
    public async Task<KeysetPage<T>> PageAsync(IQueryable<T> query, string? after, string? before, ListCount count, int pageSize = Paging.DefaultPageSize, CancellationToken ct = default)
    {
        ((object? Key, long Id)? Position, bool Backwards) start = Read(after) is { } forward ? (forward, false) : Read(before) is { } back ? (back, true) : (null, false);
        var (position, backwards) = start;
        var travel = _descending != backwards;
        var rows = position is null ? query : query.Where(Beyond(position.Value, travel));
        var items = await Ordered(rows, travel).Take(pageSize + 1).ToListAsync(ct);
        var more = items.Count > pageSize;
        items = items.Take(pageSize).ToList();
        if (backwards)
        {
            items.Reverse();
        }

        // Forward: a previous page exists when we came from one; backwards: a next one does, and a previous one if more rows were found.
        var hasPrevious = backwards ? more : position is not null;
        var hasNext = backwards || more;
        return new KeysetPage<T>(
            items,
            hasPrevious && items.Count > 0 ? Write(items[0]) : null,
            hasNext && items.Count > 0 ? Write(items[^1]) : null,
            count);
    }

    /// <summary>The whole list in this order (an export).</summary>
    public IOrderedQueryable<T> Sort(IQueryable<T> query) => Ordered(query, _descending);

    private IOrderedQueryable<T> Ordered(IQueryable<T> query, bool descending)
    {
        var ordered = (IOrderedQueryable<T>)query.Provider.CreateQuery<T>(Expression.Call(
            typeof(Queryable), descending ? nameof(Queryable.OrderByDescending) : nameof(Queryable.OrderBy),
            [typeof(T), KeyType], query.Expression, Expression.Quote(_key)));
        if (ReferenceEquals(_key, _id))
        {
            return ordered;
        }

        return (IOrderedQueryable<T>)ordered.Provider.CreateQuery<T>(Expression.Call(
            typeof(Queryable), descending ? nameof(Queryable.ThenByDescending) : nameof(Queryable.ThenBy),
            [typeof(T), _id.ReturnType], ordered.Expression, Expression.Quote(_id)));
    }

    // Rows beyond a position in the direction of travel: key beyond it, or the same key and the id beyond it.
    private Expression<Func<T, bool>> Beyond((object? Key, long Id) position, bool descending)
    {
        var row = _id.Parameters[0];
        var key = new ParameterReplacer(_key.Parameters[0], row).Visit(_key.Body);
        var id = _id.Body;
        var positionId = Expression.Constant(Convert.ChangeType(position.Id, _id.ReturnType, System.Globalization.CultureInfo.InvariantCulture), _id.ReturnType);
        var idBeyond = descending ? Expression.LessThan(id, positionId) : Expression.GreaterThan(id, positionId);
        if (ReferenceEquals(_key, _id))
        {
            return Expression.Lambda<Func<T, bool>>(idBeyond, row);
        }

        var value = Expression.Constant(position.Key, KeyType);
        var body = Expression.OrElse(KeyBeyond(key, position.Key, value, descending), Expression.AndAlso(Expression.Equal(key, value), idBeyond));
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    private Expression KeyBeyond(Expression key, object? position, ConstantExpression value, bool descending)
    {
        if (KeyType == typeof(string))
        {
            var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, key, value);
            return descending ? Expression.LessThan(compare, Expression.Constant(0)) : Expression.GreaterThan(compare, Expression.Constant(0));
        }

        if (KeyType.IsEnum)
        {
            // Stored by name: the names that sort beyond this one, as the database sorts them (ordinal for these ASCII names).
            var name = position!.ToString()!;
            var beyond = Enum.GetValues(KeyType).Cast<object>()
                .Where(v => descending ? string.CompareOrdinal(v.ToString(), name) < 0 : string.CompareOrdinal(v.ToString(), name) > 0);
            var list = typeof(List<>).MakeGenericType(KeyType);
            var values = (System.Collections.IList)Activator.CreateInstance(list)!;
            foreach (var v in beyond)
            {
                values.Add(v);
            }

            return Expression.Call(Expression.Constant(values), list.GetMethod(nameof(List<int>.Contains))!, key);
        }

        return descending ? Expression.LessThan(key, value) : Expression.GreaterThan(key, value);
    }

    private string Write(T row)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Position(JsonSerializer.SerializeToElement(_keyOf(row), KeyType), _idOf(row)));
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private (object? Key, long Id)? Read(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 1000)
        {
            return null;
        }

        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            var bytes = Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
            var position = JsonSerializer.Deserialize<Position>(Encoding.UTF8.GetString(bytes));
            return position is null ? null : (position.Key.Deserialize(KeyType), position.Id);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private sealed record Position(JsonElement Key, long Id);

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>What the keyset pager partial needs, independent of the item type.</summary>
public sealed record KeysetPager(string? Previous, string? Next, ListCount Count)
{
    public static KeysetPager Of<T>(KeysetPage<T> page) => new(page.Previous, page.Next, page.Count);
}
