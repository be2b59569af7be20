using QualityGates.Web.Data;

namespace QualityGates.Web.Api.Tokens;

/// <summary>A token as the lists show it (never its hash), with its user's name for the administrators' list.</summary>
public sealed class AccessTokenListItem
{
    public int Id { get; init; }

    public string Name { get; init; } = "";

    public AccessScope Scope { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    public DateTime ExpiresAtUtc { get; init; }

    public DateTime? LastUsedAtUtc { get; init; }

    public DateTime? RevokedAtUtc { get; init; }

    public string UserId { get; init; } = "";

    public string UserName { get; init; } = "";

    public AccessTokenState StateAt(DateTime nowUtc) => PersonalAccessToken.State(RevokedAtUtc, ExpiresAtUtc, nowUtc);

    public static IQueryable<AccessTokenListItem> Query(QualityGatesDbContext db) =>
        from t in db.PersonalAccessTokens
        join u in db.Users on t.UserId equals u.Id
        select new AccessTokenListItem
        {
            Id = t.Id,
            Name = t.Name,
            Scope = t.Scope,
            CreatedAtUtc = t.CreatedAtUtc,
            ExpiresAtUtc = t.ExpiresAtUtc,
            LastUsedAtUtc = t.LastUsedAtUtc,
            RevokedAtUtc = t.RevokedAtUtc,
            UserId = t.UserId,
            UserName = u.DisplayName,
        };
}
