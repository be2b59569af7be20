using QualityGates.Domain;

namespace QualityGates.Web.Api.Tokens;

/// <summary>
/// A user's key to the REST API. Only the SHA-256 of the token text is stored: the text is shown once, when the
/// token is created, and cannot be read back. The token acts as its user with their current role and department.
/// </summary>
public sealed class PersonalAccessToken
{
    public const int NameMaxLength = 100;
    public const int HashLength = 64;
    public const int ScopeMaxLength = 20;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);

    private PersonalAccessToken()
    {
        UserId = "";
        Name = "";
        Hash = "";
    }

    private PersonalAccessToken(string userId, string name, AccessScope scope, string hash, DateTime createdAtUtc, DateTime expiresAtUtc)
    {
        UserId = userId;
        Name = name;
        Scope = scope;
        Hash = hash;
        CreatedAtUtc = createdAtUtc;
        ExpiresAtUtc = expiresAtUtc;
    }

    public int Id { get; private set; }

    public string UserId { get; private set; }

    public string Name { get; private set; }

    public AccessScope Scope { get; private set; }

    /// <summary>Hex SHA-256 of the token text (see <see cref="AccessTokenText"/>).</summary>
    public string Hash { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime ExpiresAtUtc { get; private set; }

    /// <summary>When the token was last used, to the minute (see <see cref="AccessTokenAuthenticationHandler"/>).</summary>
    public DateTime? LastUsedAtUtc { get; private set; }

    public DateTime? RevokedAtUtc { get; private set; }

    /// <summary>A new token and the text to hand to its user, once.</summary>
    public static (PersonalAccessToken Token, string Text) Create(string userId, string name, AccessScope scope, DateTime expiresAtUtc, DateTime nowUtc)
    {
        if (expiresAtUtc <= nowUtc || expiresAtUtc > nowUtc + MaxLifetime)
        {
            throw new DomainException("TokenExpiry", "A token expires after its creation and within a year.");
        }

        var text = AccessTokenText.New();
        return (new PersonalAccessToken(userId, name.Trim(), scope, AccessTokenText.Hash(text), nowUtc, expiresAtUtc), text);
    }

    public AccessTokenState StateAt(DateTime nowUtc) => State(RevokedAtUtc, ExpiresAtUtc, nowUtc);

    /// <summary>Revoked outweighs expired: a revoked token says so also after its date.</summary>
    public static AccessTokenState State(DateTime? revokedAtUtc, DateTime expiresAtUtc, DateTime nowUtc) =>
        revokedAtUtc is not null ? AccessTokenState.Revoked
        : nowUtc >= expiresAtUtc ? AccessTokenState.Expired
        : AccessTokenState.Active;

    public void Revoke(DateTime nowUtc)
    {
        if (RevokedAtUtc is not null)
        {
            throw new DomainException("TokenAlreadyRevoked", "The token is already revoked.");
        }

        RevokedAtUtc = nowUtc;
    }
}

public enum AccessScope
{
    /// <summary>Reads only: every write is refused with 403.</summary>
    Read,
    ReadWrite,
}

public enum AccessTokenState
{
    Active,
    Expired,
    Revoked,
}
