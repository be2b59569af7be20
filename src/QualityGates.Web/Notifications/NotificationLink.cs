using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Notifications;

/// <summary>
/// The page a notification points to. A record created in the same request has no id before SaveChanges,
/// so the path is read when the record has been inserted (see <see cref="OutboxItem.FillInDatabaseKeys"/>).
/// </summary>
public sealed class NotificationLink
{
    private readonly Func<string> _path;
    private readonly Func<bool> _isKnown;

    private NotificationLink(Func<string> path, Func<bool> isKnown)
    {
        _path = path;
        _isKnown = isKnown;
    }

    public static NotificationLink ToPromise(Promise promise) => ToRecord("/Promises/Details/", () => promise.Id);

    public static NotificationLink ToReview(GateReview review) => ToRecord("/Reviews/Details/", () => review.Id);

    /// <summary>A record page "{pathPrefix}{id}"; the id is read after the insert when it is still 0.</summary>
    public static NotificationLink ToRecord(string pathPrefix, Func<int> id) =>
        new(() => pathPrefix + id().ToString(System.Globalization.CultureInfo.InvariantCulture), () => id() != 0);

    public static NotificationLink ToPath(string path) => new(() => path, () => true);

    internal string Resolve() => _path();

    internal bool TryResolve(out string path)
    {
        path = _isKnown() ? _path() : "";
        return _isKnown();
    }
}
