using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace QualityGates.Web.Tests.Infrastructure;

/// <summary>Ids of demo records, as form values.</summary>
public static class DemoIds
{
    public static Task<string> DepartmentAsync(this QualityGatesFactory factory, string name) =>
        factory.WithDbAsync(async db => Text((await db.Departments.SingleAsync(d => d.Name.English == name)).Id));

    public static Task<string> CategoryAsync(this QualityGatesFactory factory, string name) =>
        factory.WithDbAsync(async db => Text((await db.PromiseCategories.SingleAsync(c => c.Name.English == name)).Id));

    public static Task<string> FirstCustomerAsync(this QualityGatesFactory factory) =>
        factory.WithDbAsync(async db => Text(await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()));

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
}
