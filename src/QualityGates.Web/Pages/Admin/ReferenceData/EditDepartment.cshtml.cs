using FluentValidation;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Departments;
using QualityGates.Web.Data;

namespace QualityGates.Web.Pages.Admin.ReferenceData;

/// <summary>Renames a department in English and German; its kind stays.</summary>
public sealed class EditDepartmentModel(QualityGatesDbContext db, IValidator<NameForm> validator, IStringLocalizer<SharedResource> l)
    : RenameModel<Department>(db, validator, l, NameOwner.Department, "ReferenceData.DepartmentRenamed")
{
    public Department Department => Record;
}
