using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Departments;
using QualityGates.Web.Authorization;

namespace QualityGates.Web.Data.Seeding;

/// <summary>
/// Outside demo mode the first administrator comes from configuration (Bootstrap:AdminEmail,
/// Bootstrap:AdminPassword); an installation without any user and without that refuses to start.
/// </summary>
public static class FirstAdministrator
{
    public static async Task EnsureAsync(
        QualityGatesDbContext db, UserManager<AppUser> users, IConfiguration configuration, CancellationToken ct = default)
    {
        if (await db.Users.AnyAsync(ct))
        {
            return;
        }

        var email = configuration["Bootstrap:AdminEmail"];
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            throw new InvalidOperationException(
                "QualityGates has no users yet. Configure the first administrator with the environment variables " +
                "Bootstrap__AdminEmail and Bootstrap__AdminPassword (at least 12 characters), or turn on demo data " +
                "with Demo__Seed=true, and start again.");
        }

        var management = await db.Departments.OrderBy(d => d.Id).FirstAsync(d => d.Kind == DepartmentKind.Management, ct);
        var admin = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = configuration["Bootstrap:AdminDisplayName"] ?? "Administrator",
            DepartmentId = management.Id,
        };
        await users.CreateAsync(admin, password).ThrowIfFailed($"create the first administrator {email}");
        await users.AddToRoleAsync(admin, Roles.Administrator).ThrowIfFailed($"make {email} an administrator");
    }

    internal static async Task ThrowIfFailed(this Task<IdentityResult> operation, string what)
    {
        var result = await operation;
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
