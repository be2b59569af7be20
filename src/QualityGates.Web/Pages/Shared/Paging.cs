using Microsoft.EntityFrameworkCore;

namespace QualityGates.Web.Pages.Shared;

/// <summary>One page of a list, counted and fetched in the database.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public int TotalPages => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public int FirstItem => TotalCount == 0 ? 0 : ((PageNumber - 1) * PageSize) + 1;

    public int LastItem => Math.Min(PageNumber * PageSize, TotalCount);
}

public static class Paging
{
    public const int DefaultPageSize = 25;

    /// <summary>Pages past the end show the last page rather than an empty one.</summary>
    public static async Task<PagedList<T>> ToPagedListAsync<T>(
        this IQueryable<T> query, int pageNumber, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        var total = await query.CountAsync(ct);
        var lastPage = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(pageNumber, 1, lastPage);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PagedList<T>(items, page, pageSize, total);
    }
}

/// <summary>What the pager partial needs, independent of the item type.</summary>
public sealed record PagerInfo(int PageNumber, int TotalPages, int TotalCount, int FirstItem, int LastItem)
{
    public static PagerInfo Of<T>(PagedList<T> list) =>
        new(list.PageNumber, list.TotalPages, list.TotalCount, list.FirstItem, list.LastItem);
}

public sealed record SortHeader(string Key, string Label);
