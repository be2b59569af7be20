using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityGates.Domain.Departments;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Auditing;

namespace QualityGates.Web.SingleSignOn;

/// <summary>Why someone the provider vouched for may still not sign in here; each has its own message.</summary>
public enum SignInRefusal
{
    NoRole,
    UnknownDepartment,
    DepartmentDoesNotFitRole,
    NoEmail,
    EmailTaken,
    Locked,
}

/// <summary>
/// Turns the provider's word about a person into a user here: created at the first sign-in, and at every sign-in
/// given the name, e-mail, role and department the directory says now. A role or department change ends the user's
/// other sessions (new security stamp), as an administrator's change does; the audit trail records it as made by the
/// user through the provider. Someone whose groups map to no role is refused and nothing is created.
/// </summary>
public sealed class ExternalSignIn(
    QualityGatesDbContext db,
    UserManager<AppUser> userManager,
    AuditContext auditContext,
    SignInAudit signInAudit,
    IOptions<SingleSignOnOptions> options,
    ILogger<ExternalSignIn> logger)
{
    private readonly SingleSignOnOptions _options = options.Value;

    /// <summary>The user to sign in, or why not.</summary>
    public async Task<(AppUser? User, SignInRefusal? Refusal)> AccountForAsync(ClaimsPrincipal principal)
    {
        var account = DirectoryAccount.From(principal, _options);
        var user = await userManager.FindByLoginAsync(SingleSignOnOptions.Scheme, account.Subject);
        // Someone seen for the first time may hold a local account with the same address (LinkExistingAccountsByEmail).
        var holder = user is null && account.Email is not null ? await userManager.FindByEmailAsync(account.Email) : null;
        var department = account.Department is null ? null : await DepartmentNamedAsync(account.Department);
        var refusal = await RefusalAsync(account, department, user, holder);
        if (refusal is { } refused)
        {
            logger.Refused(account.Subject, account.Email, refused, account.Role, account.Department);
            if (user is not null)
            {
                // Someone who left the groups loses the sessions they still have, not only the next sign-in.
                await userManager.UpdateSecurityStampAsync(user);
                await signInAudit.RecordAsync(AuditAction.SignInFailed, user, account.Email ?? account.Subject);
            }

            return (null, refused);
        }

        auditContext.ActAs(new AuditActor((user ?? holder)?.Id, account.DisplayName, account.Role, department!.Name.English));
        auditContext.Reason = $"Single sign-on: name, e-mail, role and department from {_options.DisplayName}";
        // The user, their role and their login together or not at all; at most once under a retrying strategy (ADR 0015).
        var saved = await db.Database.ExecuteOnceAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var result = user is null
                ? await CreateOrLinkAsync(account, department, holder)
                : await UpdateAsync(user, account, department);
            if (result is not null)
            {
                await transaction.CommitAsync();
            }

            return result;
        });
        return saved is null ? (null, SignInRefusal.EmailTaken) : (saved, null);
    }

    private async Task<SignInRefusal?> RefusalAsync(DirectoryAccount account, Department? department, AppUser? user, AppUser? holder)
    {
        if (account.Role is null)
        {
            return SignInRefusal.NoRole;
        }

        if (department is null)
        {
            return SignInRefusal.UnknownDepartment;
        }

        if (!Roles.Fits(account.Role, department.Kind))
        {
            return SignInRefusal.DepartmentDoesNotFitRole;
        }

        if (account.Email is null)
        {
            return SignInRefusal.NoEmail;
        }

        if (holder is not null && (!_options.LinkExistingAccountsByEmail || await HasLoginAsync(holder)))
        {
            return SignInRefusal.EmailTaken;
        }

        // Only an administrator's lock: failed password attempts on the same name must not keep the person out here.
        return (user ?? holder)?.LockoutEnd == AdministratorLock.LockoutEnd ? SignInRefusal.Locked : null;
    }

    private async Task<AppUser?> CreateOrLinkAsync(DirectoryAccount account, Department department, AppUser? holder)
    {
        var user = holder;
        var result = IdentityResult.Success;
        if (user is null)
        {
            user = new AppUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = Shortened(account.DisplayName),
                DepartmentId = department.Id,
            };
            // No password: this person signs in through the provider only.
            result = await userManager.CreateAsync(user);
        }

        if (result.Succeeded)
        {
            result = await userManager.AddLoginAsync(user, new UserLoginInfo(SingleSignOnOptions.Scheme, account.Subject, _options.DisplayName));
        }

        return result.Succeeded ? await UpdateAsync(user, account, department) : Failed(result, account);
    }

    private async Task<AppUser?> UpdateAsync(AppUser user, DirectoryAccount account, Department department)
    {
        var currentRole = (await userManager.GetRolesAsync(user)).FirstOrDefault();
        var rightsChange = currentRole != account.Role || user.DepartmentId != department.Id;
        user.DisplayName = Shortened(account.DisplayName);
        user.DepartmentId = department.Id;
        user.Email = account.Email;
        user.UserName = account.Email;
        var result = await userManager.UpdateAsync(user);
        if (result.Succeeded && currentRole != account.Role)
        {
            if (currentRole is not null)
            {
                result = await userManager.RemoveFromRoleAsync(user, currentRole);
            }

            if (result.Succeeded)
            {
                result = await userManager.AddToRoleAsync(user, account.Role!);
            }
        }

        if (result.Succeeded && rightsChange)
        {
            // Sessions signed in with the old rights end at their next security-stamp check.
            result = await userManager.UpdateSecurityStampAsync(user);
        }

        return result.Succeeded ? user : Failed(result, account);
    }

    // The e-mail address belongs to another user here (checked before, but someone may have taken it since).
    private AppUser? Failed(IdentityResult result, DirectoryAccount account)
    {
        logger.NotSaved(account.Subject, string.Join(" ", result.Errors.Select(e => e.Code)));
        return null;
    }

    private async Task<bool> HasLoginAsync(AppUser user) =>
        (await userManager.GetLoginsAsync(user)).Any(l => l.LoginProvider == SingleSignOnOptions.Scheme);

    // Reference data of a few dozen rows: compared here, as the directory may spell the name in another case, and in
    // either language (ADR 0027); the English name first, should a German name equal another department's English one.
    private async Task<Department?> DepartmentNamedAsync(string name)
    {
        var departments = await db.Departments.AsNoTracking().ToListAsync();
        return departments.FirstOrDefault(d => string.Equals(d.Name.English, name, StringComparison.OrdinalIgnoreCase))
               ?? departments.FirstOrDefault(d => string.Equals(d.Name.German, name, StringComparison.OrdinalIgnoreCase));
    }

    private static string Shortened(string name) => name.Length <= AppUser.DisplayNameMaxLength ? name : name[..AppUser.DisplayNameMaxLength];
}
