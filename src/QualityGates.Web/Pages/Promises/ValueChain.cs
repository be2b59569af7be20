using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Reviews;

namespace QualityGates.Web.Pages.Promises;

/// <summary>A promise's value chain as its page shows it: each link's department and part, its answer at G1, where the promise stands.</summary>
public sealed record ValueChain(IReadOnlyList<ValueChain.Link> Links, int CurrentPosition)
{
    public sealed record Link(
        int Position, int DepartmentId, string DepartmentName, string? Part, DateOnly? ReceiveBy, DateTime? ReceivedAtUtc,
        GateDecision? Answer, GateReviewState? WaitingReview);

    public Link? Current => CurrentPosition == 0 ? null : Links[CurrentPosition - 1];

    public Link? Next => CurrentPosition < Links.Count ? Links[CurrentPosition] : null;

    public static async Task<ValueChain> LoadAsync(QualityGatesDbContext db, Promise promise, IReadOnlyList<ReviewListItem> reviews, CancellationToken ct = default)
    {
        var ids = promise.Links.Select(l => l.DepartmentId).ToList();
        var names = await db.Departments.Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, Name = d.Name.In(Cultures.Current) })
            .ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var links = promise.Links.Select(l => new Link(
            l.Position, l.DepartmentId, names[l.DepartmentId], l.Part, l.ReceiveBy, l.ReceivedAtUtc, l.FeasibilityDecision,
            promise.Status == PromiseStatus.UnderReview
                ? reviews.LastOrDefault(r => r.Stage == GateStage.Feasibility && r.LinkPosition == l.Position
                                             && r.State is GateReviewState.Open or GateReviewState.OnHold)?.State
                : null)).ToList();
        return new ValueChain(links, promise.CurrentLinkPosition);
    }
}
