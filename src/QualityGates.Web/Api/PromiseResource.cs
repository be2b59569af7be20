using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Promises;
using QualityGates.Web.Pages.Reviews;

namespace QualityGates.Web.Api;

/// <summary>A promise as the API shows it: the register's row, its own fields, its value chain and its gate reviews.</summary>
public sealed record PromiseResource(
    int Id,
    string Number,
    string Title,
    string Statement,
    PromiseStatus Status,
    int CategoryId,
    string CategoryName,
    int? CustomerId,
    string? CustomerName,
    int PromisingDepartmentId,
    string PromisingDepartmentName,
    int DeliveringDepartmentId,
    string DeliveringDepartmentName,
    string OwnerId,
    string OwnerName,
    PromiseSource Source,
    string? SourceReference,
    TargetResource? Target,
    DateOnly DueDate,
    DateOnly? CommittedOn,
    CommitChannel? CommitChannel,
    bool AtRisk,
    OutcomeKind? Outcome,
    decimal? ActualValue,
    DateOnly? OutcomeDate,
    BreachCause? BreachCause,
    string? WithdrawalReason,
    int Revision,
    int Version,
    DateTime CreatedAtUtc,
    IReadOnlyList<LinkResource> Chain,
    int HoldingDepartmentId,
    int? BrokenAtDepartmentId,
    IReadOnlyList<ReviewResource> Reviews)
{
    public static async Task<PromiseResource?> LoadAsync(QualityGatesDbContext db, int id, CancellationToken ct = default)
    {
        var promise = await db.Promises.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (promise is null)
        {
            return null;
        }

        var names = await PromiseListItem.Query(db).SingleAsync(p => p.Id == id, ct);
        var reviews = await ReviewListItem.Query(db).Where(r => r.PromiseId == id).OrderBy(r => r.OpenedAtUtc).ThenBy(r => r.Id).ToListAsync(ct);
        var chain = await ValueChain.LoadAsync(db, promise, reviews, ct);
        var t = promise.Target;
        return new PromiseResource(
            promise.Id, promise.Number, promise.Title, promise.Statement, promise.Status,
            promise.CategoryId, names.CategoryName, promise.CustomerId, names.CustomerName,
            promise.PromisingDepartmentId, names.PromisingDepartmentName, promise.DeliveringDepartmentId, names.DeliveringDepartmentName,
            promise.OwnerId, names.OwnerName, promise.Source, promise.SourceReference,
            t.IsMeasurable ? new TargetResource(t.Metric!, t.Comparator, t.Value, t.Unit, t.TargetDate) : null,
            promise.DueDate, promise.CommittedOn, promise.CommitChannel, promise.AtRisk,
            promise.Outcome, promise.ActualValue, promise.OutcomeDate, promise.BreachCause, promise.WithdrawalReason,
            promise.Revision, promise.Version, promise.CreatedAtUtc,
            chain.Links.Select(l => new LinkResource(l.Position, l.DepartmentId, l.DepartmentName, l.Part, l.ReceiveBy, l.Answer, l.ReceivedAtUtc)).ToList(),
            promise.HoldingDepartmentId, promise.BrokenAtDepartmentId,
            reviews.Select(r => new ReviewResource(
                r.Id, r.Stage, r.GateCode, r.GateName, r.DecidingDepartmentId, r.DecidingDepartmentName, r.LinkPosition, r.State, r.Outcome, r.PassedByEnvelope, r.OpenedAtUtc, r.DecidedAtUtc)).ToList());
    }
}

public sealed record TargetResource(string Metric, TargetComparator Comparator, decimal? Value, string? Unit, DateOnly? TargetDate);

/// <summary>A link of the value chain: its department and part, its answer at G1 on the current revision, when it received the promise.</summary>
public sealed record LinkResource(
    int Position, int DepartmentId, string DepartmentName, string? Part, DateOnly? ReceiveBy, GateDecision? FeasibilityDecision, DateTime? ReceivedAtUtc);

public sealed record ReviewResource(
    int Id, GateStage Stage, string GateCode, string GateName, int DecidingDepartmentId, string DecidingDepartmentName, int? LinkPosition,
    GateReviewState State, GateDecision? Outcome, bool PassedByEnvelope, DateTime OpenedAtUtc, DateTime? DecidedAtUtc);

/// <summary>A row of the API's promise list: the register's columns.</summary>
public sealed record PromiseSummary(
    int Id, string Number, string Title, PromiseStatus Status, DateOnly DueDate, int CategoryId, string CategoryName,
    int? CustomerId, string? CustomerName, int PromisingDepartmentId, string PromisingDepartmentName,
    int DeliveringDepartmentId, string DeliveringDepartmentName, string OwnerName, bool AtRisk, TrafficLight? Light)
{
    public static PromiseSummary Of(PromiseListItem p, DateOnly today) => new(
        p.Id, p.Number, p.Title, p.Status, p.DueDate, p.CategoryId, p.CategoryName, p.CustomerId, p.CustomerName,
        p.PromisingDepartmentId, p.PromisingDepartmentName, p.DeliveringDepartmentId, p.DeliveringDepartmentName, p.OwnerName, p.AtRisk, p.Light(today));
}

/// <summary>One page of a list: at most the page size, and where the next one starts (null on the last).</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, long Count, bool CountIsCapped, string? Next, string? NextLink);
