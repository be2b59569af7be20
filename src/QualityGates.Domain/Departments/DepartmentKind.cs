namespace QualityGates.Domain.Departments;

public enum DepartmentKind
{
    Promising,
    Delivering,
    AfterSales,
    Management,
}
