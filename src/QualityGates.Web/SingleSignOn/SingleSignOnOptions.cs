namespace QualityGates.Web.SingleSignOn;

/// <summary>Who may sign in with a password of this app once single sign-on is configured.</summary>
public enum LocalAccounts
{
    Enabled,

    /// <summary>Break-glass: only administrators keep a local password.</summary>
    AdministratorsOnly,

    Disabled,
}

/// <summary>
/// The company's OpenID Connect provider (section <see cref="Section"/>): where it is, this app's client, and how
/// the claims of its ID token become a role and a department here. Single sign-on is on when an authority is set.
/// </summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Authentication:OpenIdConnect";

    /// <summary>The authentication scheme, and the provider name under which users' logins are stored.</summary>
    public const string Scheme = "oidc";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>From the environment or a secret store only, never from a file in the repository.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Shown on the button: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "your company account";

    /// <summary>Space-separated; must include openid.</summary>
    public string Scopes { get; set; } = "openid profile email";

    /// <summary>Off only for a provider on the loopback interface (tests); a real authority is HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Claim values mapped to a role and/or a department; the first matching entry wins for each.</summary>
    public List<ClaimMapping> Mappings { get; set; } = [];

    /// <summary>Optional: a claim whose value is the name of the user's department here (e.g. "department").</summary>
    public string? DepartmentClaim { get; set; }

    /// <summary>
    /// Whether the first sign-in takes over a local account with the same e-mail address. Only safe when the provider
    /// owns the addresses (users cannot set their own), e.g. Entra ID with verified domains.
    /// </summary>
    public bool LinkExistingAccountsByEmail { get; set; }

    /// <summary>Who still signs in with a password here; applies only while single sign-on is configured.</summary>
    public LocalAccounts LocalAccounts { get; set; } = LocalAccounts.Enabled;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>Whether the login page offers the password form, and to whom.</summary>
    public LocalAccounts EffectiveLocalAccounts => IsConfigured ? LocalAccounts : LocalAccounts.Enabled;
}

/// <summary>An ID token claim value (a group id, an app role) and what it grants here.</summary>
public sealed class ClaimMapping
{
    public string Claim { get; set; } = "groups";

    public string Value { get; set; } = "";

    /// <summary>One of <see cref="Authorization.Roles.All"/>.</summary>
    public string? Role { get; set; }

    /// <summary>The name of a department here.</summary>
    public string? Department { get; set; }
}
