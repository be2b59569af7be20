using QualityGates.Domain.Departments;
using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

/// <summary>A complete, valid draft unless a test says otherwise.</summary>
public sealed class PromiseBuilder
{
    public static readonly DateTime Now = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    private Department _promisingDepartment = new(new LocalizedText("Sales"), DepartmentKind.Promising);
    private int? _customerId = 7;
    private MeasurableTarget _target = new("First response", TargetComparator.AtMost, 4, "h", null);

    public PromiseBuilder From(Department department)
    {
        _promisingDepartment = department;
        return this;
    }

    public PromiseBuilder WithoutCustomer()
    {
        _customerId = null;
        return this;
    }

    public PromiseBuilder WithTarget(MeasurableTarget target)
    {
        _target = target;
        return this;
    }

    public PromiseDetails Details() => new(
        "Answer in 4 hours", "We answer every ticket within four hours.", CategoryId: 1, _customerId,
        DeliveringDepartmentId: 6, PromiseSource.Contract, "CON-1", _target, new DateOnly(2027, 3, 1));

    public Promise Build() => Promise.Draft("P-2026-00001", Details(), _promisingDepartment, "owner-id", Now);

    public Promise BuildSubmitted()
    {
        var promise = Build();
        promise.Submit(Now, "owner-id");
        return promise;
    }
}
