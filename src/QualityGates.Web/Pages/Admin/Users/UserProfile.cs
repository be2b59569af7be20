using FluentValidation;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;

namespace QualityGates.Web.Pages.Admin.Users;

/// <summary>What an administrator sets on every user: name, department and the one role.</summary>
public class UserProfile
{
    public string DisplayName { get; set; } = "";

    public int? DepartmentId { get; set; }

    public string Role { get; set; } = "";
}

public sealed class UserProfileValidator : AbstractValidator<UserProfile>
{
    public UserProfileValidator(QualityGatesDbContext db)
    {
        RuleFor(u => u.DisplayName).NotEmpty().WithMessage("Enter the person's name.")
            .MaximumLength(AppUser.DisplayNameMaxLength);
        RuleFor(u => u.Role).NotEmpty().WithMessage("Choose a role.")
            .Must(role => Roles.All.Contains(role)).WithMessage("Choose one of the listed roles.");
        RuleFor(u => u.DepartmentId).NotNull().WithMessage("Choose a department.");
        RuleFor(u => u.DepartmentId)
            .MustAsync(async (profile, id, ct) =>
            {
                var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
                return department is not null && (!Roles.All.Contains(profile.Role) || Roles.Fits(profile.Role, department.Kind));
            })
            .WithMessage(u => $"A {u.Role} must belong to a department of the matching kind: sales reps to Marketing, Sales or PreSales, service managers to a delivering department, AfterSales staff to AfterSales.")
            .When(u => u.DepartmentId is not null);
    }
}

/// <summary>What the shared _ProfileFields partial needs from the Create and Edit pages.</summary>
public interface IUserProfilePage
{
    UserProfile Input { get; }

    IReadOnlyList<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Departments { get; }
}
