using Microsoft.AspNetCore.Http.HttpResults;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Pages.Dashboard;

namespace QualityGates.Web.Api;

/// <summary>The dashboard's figures with its filters, within the token user's department scope, as the page computes them.</summary>
internal static class DashboardEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/dashboard", GetAsync).WithName("GetDashboard")
            .WithSummary("Every dashboard figure for whole months (by default the last twelve), narrowed to the user's department scope.");

    private static async Task<Ok<DashboardResource>> GetAsync([AsParameters] DashboardInput input, DashboardQueries queries, HttpContext http)
    {
        var scope = DepartmentScope.For(http.User);
        var filter = input.ToFilter(queries.Today, scope);
        var figures = await DashboardFigures.LoadAsync(queries, filter, http.RequestAborted);
        return TypedResults.Ok(new DashboardResource(
            filter.From, filter.To, filter.PromisingDepartmentId, filter.DeliveringDepartmentId, filter.CategoryId, filter.CustomerId, scope, figures));
    }
}

/// <summary>The period and filters the figures were counted for (the period widened to whole months), the scope, and the figures.</summary>
public sealed record DashboardResource(
    DateOnly From, DateOnly To, int? PromisingDepartmentId, int? DeliveringDepartmentId, int? CategoryId, int? CustomerId,
    DepartmentScope Scope, DashboardFigures Figures);
