using QualityGates.Domain.Promises;

namespace QualityGates.Web.Tests.Infrastructure;

public static class PromiseForms
{
    /// <summary>
    /// A complete new-promise form: Sales' first response for the first customer, delivered by Service.
    /// The default 2 h is stricter than the demo envelope (4 h), so a human decides G1.
    /// </summary>
    public static async Task<Dictionary<string, string>> NewPromiseFormAsync(this QualityGatesFactory factory, string title, string hours = "2") => new()
    {
        ["Input.Title"] = title,
        ["Input.Statement"] = "We answer every ticket within four hours.",
        ["Input.CategoryId"] = await factory.CategoryAsync("Response time"),
        ["Input.CustomerId"] = await factory.FirstCustomerAsync(),
        ["Input.DeliveringDepartmentId"] = await factory.DepartmentAsync("Service"),
        ["Input.Source"] = nameof(PromiseSource.Contract),
        ["Input.SourceReference"] = "CON-4711",
        ["Input.TargetMetric"] = "First response",
        ["Input.TargetComparator"] = nameof(TargetComparator.AtMost),
        ["Input.TargetValue"] = hours,
        ["Input.TargetUnit"] = "h",
        ["Input.DueDate"] = factory.FormDate(60),
    };
}
