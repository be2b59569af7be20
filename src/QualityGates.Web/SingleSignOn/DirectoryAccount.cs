using System.Security.Claims;

namespace QualityGates.Web.SingleSignOn;

/// <summary>What the provider's ID token says about a person, mapped onto this app's role and department.</summary>
public sealed record DirectoryAccount(string Subject, string? Email, string DisplayName, string? Role, string? Department)
{
    /// <summary>Raw claim names of the ID token (claims are not renamed on the way in, see SingleSignOnServiceCollectionExtensions).</summary>
    public static DirectoryAccount From(ClaimsPrincipal principal, SingleSignOnOptions options)
    {
        var subject = principal.FindFirstValue("sub") ?? "";
        var email = principal.FindFirstValue("email") ?? EmailLike(principal.FindFirstValue("preferred_username"));
        var name = principal.FindFirstValue("name") ?? email ?? subject;
        var role = options.Mappings.FirstOrDefault(m => m.Role is not null && Has(principal, m))?.Role;
        var department = options.Mappings.FirstOrDefault(m => m.Department is not null && Has(principal, m))?.Department
            ?? (options.DepartmentClaim is { } claim ? principal.FindFirstValue(claim) : null);
        return new DirectoryAccount(subject, email?.Trim(), name.Trim(), role, department?.Trim());
    }

    // Group ids and app roles are compared exactly: "Sales" and "sales" may be different groups.
    private static bool Has(ClaimsPrincipal principal, ClaimMapping mapping) =>
        principal.HasClaim(c => c.Type == mapping.Claim && c.Value == mapping.Value);

    // Entra ID sends the e-mail only as an optional claim; its user principal name usually is the address.
    private static string? EmailLike(string? value) => value is not null && value.Contains('@', StringComparison.Ordinal) ? value : null;
}
