using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Validation;

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
    public UserProfileValidator(QualityGatesDbContext db, IStringLocalizer<SharedResource> l)
    {
        RuleFor(u => u.DisplayName).NotEmpty().WithMessage(_ => l["Users.NameRequired"])
            .MaxLength(AppUser.DisplayNameMaxLength, l);
        RuleFor(u => u.Role).NotEmpty().WithMessage(_ => l["Users.RoleRequired"])
            .Must(role => Roles.All.Contains(role)).WithMessage(_ => l["Users.RoleUnknown"]);
        RuleFor(u => u.DepartmentId).NotNull().WithMessage(_ => l["Users.DepartmentRequired"]);
        RuleFor(u => u.DepartmentId)
            .MustAsync(async (profile, id, ct) =>
            {
                var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
                return department is not null && (!Roles.All.Contains(profile.Role) || Roles.Fits(profile.Role, department.Kind));
            })
            .WithMessage(u => l["Users.RoleDoesNotFitDepartment", l.Role(u.Role)])
            .When(u => u.DepartmentId is not null);
    }
}

/// <summary>What the shared _ProfileFields partial needs from the Create and Edit pages.</summary>
public interface IUserProfilePage
{
    UserProfile Input { get; }

    IReadOnlyList<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Departments { get; }
}
