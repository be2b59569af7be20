using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Auditing;

namespace QualityGates.Web.Pages.Shared;

/// <summary>
/// What people did to one record, newest first, one action per change, as the _History partial tells it. The
/// same trail field by field, bookkeeping included, is the administrators' audit log (ADR 0008).
/// </summary>
public sealed record RecordHistory(
    IReadOnlyList<HistoryAction> Actions, AuditTable Values, int Count, string EntityType, string EntityId, bool CanReadAuditLog)
{
    public const int Limit = 20;

    public static async Task<RecordHistory> LoadAsync(QualityGatesDbContext db, string entityType, int id, bool canReadAuditLog)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        var bookkeeping = AuditRules.BookkeepingFields(entityType);
        var (partType, parts) = await PartsAsync(db, entityType, id);
        var history = db.AuditEntries.AsNoTracking()
            .Where(e => (e.EntityType == entityType && e.EntityId == key) || (e.EntityType == partType && parts.Contains(e.EntityId)));

        // The entries of one change share their time. A change of bookkeeping alone (a figure kept when a step
        // was taken on another record) is nothing a person did to this one.
        var actionTimes = history.Where(e => e.Field == null || !bookkeeping.Contains(e.Field)).Select(e => e.AtUtc).Distinct();
        var count = await actionTimes.CountAsync();
        var latest = actionTimes.OrderByDescending(t => t).Take(Limit);
        var entries = await history.Where(e => latest.Contains(e.AtUtc))
            .OrderByDescending(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync();

        var creation = entries.Where(e => e.Action == AuditAction.Created).ToList();
        var actions = entries.GroupBy(e => (e.AtUtc, e.ActorId, e.ActorName))
            .Select(change => HistoryAction.From(entityType, change.ToList(), creation))
            .ToList();
        return new RecordHistory(actions, await AuditTable.LoadAsync(db, entries, showRecord: false), count, entityType, key, canReadAuditLog);
    }

    /// <summary>
    /// The records whose changes are steps on this one: a review's decisions, each with its reason — a Hold after a Hold
    /// changes nothing on the review itself —, a promise's value chain links. Looked up by the record's key, so the history
    /// costs the same however long the audit trail grows.
    /// </summary>
    private static async Task<(string Type, List<string> Ids)> PartsAsync(QualityGatesDbContext db, string entityType, int id)
    {
        var ids = entityType switch
        {
            nameof(GateReview) => await db.Set<ReviewDecision>().Where(d => EF.Property<int>(d, "GateReviewId") == id).Select(d => d.Id).ToListAsync(),
            nameof(Promise) => await db.PromiseLinks.Where(l => l.PromiseId == id).Select(l => l.Id).ToListAsync(),
            _ => [],
        };
        var type = entityType == nameof(Promise) ? nameof(PromiseLink) : nameof(ReviewDecision);
        return (type, ids.ConvertAll(d => d.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>What the author did, e.g. "submitted the promise for the feasibility review (G1)"; follows the author's name.</summary>
    public string Sentence(IStringLocalizer l, TimeZoneInfo zone, HistoryAction action) =>
        string.Join("; ", action.Phrases.Select(p =>
            p.ValueOf is { } entry ? l[p.Key, Values.Value(l, zone, entry, entry.NewValue)].Value
            : p.Literal is { } literal ? l[p.Key, literal].Value
            : l[p.Key].Value));
}
