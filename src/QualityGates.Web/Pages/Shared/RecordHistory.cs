using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Data;

namespace QualityGates.Web.Pages.Shared;

/// <summary>The latest audit entries of one record, newest first, as the _History partial shows them.</summary>
public sealed record RecordHistory(AuditTable Table, int Count, string EntityType, string EntityId, bool CanReadAuditLog)
{
    public const int Limit = 50;

    public static async Task<RecordHistory> LoadAsync(QualityGatesDbContext db, string entityType, int id, bool canReadAuditLog)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        var history = db.AuditEntries.AsNoTracking().Where(e => e.EntityType == entityType && e.EntityId == key);
        var count = await history.CountAsync();
        // Newest change first; the fields of one change in the order they were recorded.
        var latest = await history.OrderByDescending(e => e.AtUtc).ThenBy(e => e.Id).Take(Limit).ToListAsync();
        return new RecordHistory(await AuditTable.LoadAsync(db, latest, showRecord: false), count, entityType, key, canReadAuditLog);
    }
}
