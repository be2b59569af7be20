using System.Globalization;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Data;

namespace QualityGates.Web.Pages.Promises;

/// <summary>
/// The register's filters, bound from the query string (e.g. <c>?status=Broken&amp;cause=Execution</c>). The
/// register, its exports and the dashboard's drill-down links share them, so a figure and the list behind it
/// count the same promises. Applied to the promises before names are joined, so counting stays cheap.
/// </summary>
public sealed class PromiseFilter
{
    public const int SearchMaxLength = 100;

    public string? Q { get; set; }

    public PromiseStatus? Status { get; set; }

    public int? CategoryId { get; set; }

    public int? PromisingDepartmentId { get; set; }

    public int? DeliveringDepartmentId { get; set; }

    public int? CustomerId { get; set; }

    /// <summary>A general claim, made to all customers (no customer), or one to a customer.</summary>
    public bool? GeneralClaim { get; set; }

    public DateOnly? DueFrom { get; set; }

    public DateOnly? DueTo { get; set; }

    /// <summary>Kept or broken: the promises the kept rate counts.</summary>
    public bool? Judged { get; set; }

    /// <summary>The outcome judged against the first approved target.</summary>
    public OutcomeKind? FirstTarget { get; set; }

    public BreachCause? Cause { get; set; }

    /// <summary>Changed (a new revision) after the first approval.</summary>
    public bool? Changed { get; set; }

    /// <summary>Submitted at least once (revision 1 or later): the promises the moving-target index counts.</summary>
    public bool? Submitted { get; set; }

    /// <summary>Changed after submission at least once (revision 2 or later).</summary>
    public bool? Revised { get; set; }

    /// <summary>Committed without any feasibility approval.</summary>
    public bool? Ungated { get; set; }

    /// <summary>Whether the first feasibility decision was Go or Conditional Go (only promises with one).</summary>
    public bool? FirstPass { get; set; }

    /// <summary>Whether the first handover was accepted at once (true) or returned (false).</summary>
    public bool? HandoverAccepted { get; set; }

    /// <summary>Broken at this link (department) of their value chains.</summary>
    public int? BrokenAtDepartmentId { get; set; }

    /// <summary>Open promises: approved, committed or in delivery (the ones with a traffic light).</summary>
    public bool? Open { get; set; }

    public TrafficLight? Light { get; set; }

    /// <summary>With an unresolved condition past its due date.</summary>
    public bool? OverdueConditions { get; set; }

    /// <summary>The promises one upload brought in (docs/import.md).</summary>
    public Guid? ImportId { get; set; }

    public bool IsFiltered => ToRouteValues().Count > 0;

    /// <summary>The filters beyond the register's basic form, set by the dashboard's drill-down links.</summary>
    public bool HasFigureFilters =>
        Judged is not null || FirstTarget is not null || Cause is not null || Changed is not null || Revised is not null
        || Submitted is not null || GeneralClaim is not null
        || Ungated is not null || FirstPass is not null || HandoverAccepted is not null || Open is not null || Light is not null
        || OverdueConditions is not null || BrokenAtDepartmentId is not null;

    /// <summary>Whether only status, department and category filters are set: the counts kept with every change answer those.</summary>
    public bool IsCountedBySummaries =>
        string.IsNullOrWhiteSpace(Q) && CustomerId is null && GeneralClaim is null && Submitted is null && DueFrom is null && DueTo is null && FirstTarget is null && Cause is null
        && Changed is null && Revised is null && Ungated is null && FirstPass is null && HandoverAccepted is null && Light is null
        && OverdueConditions is null && ImportId is null && BrokenAtDepartmentId is null;

    /// <summary>How many promises match, from the counts kept with every change (<see cref="IsCountedBySummaries"/>).</summary>
    public async Task<long> CountFromSummariesAsync(QualityGatesDbContext db, CancellationToken ct = default)
    {
        var counts = db.PromiseCounts.AsNoTracking();
        if (Status is { } status)
        {
            counts = counts.Where(c => c.Status == status);
        }

        if (CategoryId is { } categoryId)
        {
            counts = counts.Where(c => c.CategoryId == categoryId);
        }

        if (PromisingDepartmentId is { } promisingId)
        {
            counts = counts.Where(c => c.PromisingDepartmentId == promisingId);
        }

        if (DeliveringDepartmentId is { } deliveringId)
        {
            counts = counts.Where(c => c.DeliveringDepartmentId == deliveringId);
        }

        if (Judged is { } judged)
        {
            counts = counts.Where(c => (c.Status == PromiseStatus.Kept || c.Status == PromiseStatus.Broken) == judged);
        }

        if (Open is { } open)
        {
            counts = counts.Where(c => (c.Status == PromiseStatus.Approved || c.Status == PromiseStatus.Committed || c.Status == PromiseStatus.InDelivery) == open);
        }

        return await counts.SumAsync(c => c.Count, ct);
    }

    public PromiseFilter Copy() => (PromiseFilter)MemberwiseClone();

    public IQueryable<Promise> Apply(QualityGatesDbContext db, IQueryable<Promise> promises, DateOnly today)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            term = term[..Math.Min(term.Length, SearchMaxLength)].ToLower();
            promises = promises.Where(p => p.Number.ToLower().Contains(term)
                                           || p.Title.ToLower().Contains(term)
                                           || db.Customers.Any(c => c.Id == p.CustomerId && c.Name.ToLower().Contains(term)));
        }

        if (Status is { } status)
        {
            promises = promises.Where(p => p.Status == status);
        }

        if (CategoryId is { } categoryId)
        {
            promises = promises.Where(p => p.CategoryId == categoryId);
        }

        if (PromisingDepartmentId is { } promisingId)
        {
            promises = promises.Where(p => p.PromisingDepartmentId == promisingId);
        }

        if (DeliveringDepartmentId is { } deliveringId)
        {
            promises = promises.Where(p => p.DeliveringDepartmentId == deliveringId);
        }

        if (BrokenAtDepartmentId is { } brokenAtId)
        {
            promises = promises.Where(p => p.BrokenAtDepartmentId == brokenAtId);
        }

        if (ImportId is { } importId)
        {
            promises = promises.Where(p => p.ImportId == importId);
        }

        if (CustomerId is { } customerId)
        {
            promises = promises.Where(p => p.CustomerId == customerId);
        }

        if (GeneralClaim is { } general)
        {
            promises = promises.Where(p => (p.CustomerId == null) == general);
        }

        if (DueFrom is { } from)
        {
            promises = promises.Where(p => p.DueDate >= from);
        }

        if (DueTo is { } to)
        {
            promises = promises.Where(p => p.DueDate <= to);
        }

        if (Judged is { } judged)
        {
            promises = promises.Where(p => (p.Status == PromiseStatus.Kept || p.Status == PromiseStatus.Broken) == judged);
        }

        if (FirstTarget is { } firstTarget)
        {
            promises = promises.Where(p => p.OutcomeAgainstFirstTarget == firstTarget);
        }

        if (Cause is { } cause)
        {
            promises = promises.Where(p => p.BreachCause == cause);
        }

        if (Changed is { } changed)
        {
            promises = promises.Where(p => p.ChangedAfterApproval == changed);
        }

        if (Submitted is { } submitted)
        {
            promises = promises.Where(p => (p.Revision > 0) == submitted);
        }

        if (Revised is { } revised)
        {
            promises = revised ? promises.Where(p => p.Revision > 1) : promises.Where(p => p.Revision <= 1);
        }

        if (Ungated is { } ungated)
        {
            promises = promises.Where(p => p.CommittedOn != null && (p.FirstApprovedRevision == null) == ungated);
        }

        if (FirstPass is { } firstPass)
        {
            promises = promises.Where(p => p.FirstFeasibilityDecision != null
                                           && (p.FirstFeasibilityDecision == GateDecision.Go || p.FirstFeasibilityDecision == GateDecision.ConditionalGo) == firstPass);
        }

        if (HandoverAccepted is { } accepted)
        {
            promises = promises.Where(p => p.HandoverAcceptedFirstTime == accepted);
        }

        if (Open is { } open)
        {
            promises = promises.Where(p => (p.Status == PromiseStatus.Approved || p.Status == PromiseStatus.Committed || p.Status == PromiseStatus.InDelivery) == open);
        }

        if (OverdueConditions is { } overdue)
        {
            promises = promises.Where(p => (p.OpenConditionsDueOn < today) == overdue);
        }

        if (Light is { } light)
        {
            // The rule of Promise.Light, in SQL: red before yellow before green.
            var lit = promises
                .Where(p => p.Status == PromiseStatus.Approved || p.Status == PromiseStatus.Committed || p.Status == PromiseStatus.InDelivery)
                .Select(p => new
                {
                    Promise = p,
                    Red = (p.AtRisk && p.RiskMeasure == null) || p.DueDate < today || p.OpenConditionsDueOn < today,
                    Yellow = p.AtRisk || p.OpenConditionsDueOn != null,
                });
            promises = (light switch
            {
                TrafficLight.Red => lit.Where(x => x.Red),
                TrafficLight.Yellow => lit.Where(x => !x.Red && x.Yellow),
                _ => lit.Where(x => !x.Red && !x.Yellow),
            }).Select(x => x.Promise);
        }

        return promises;
    }

    /// <summary>The filters as query-string values (camelCase names, invariant formats); empty ones left out.</summary>
    public Dictionary<string, string> ToRouteValues()
    {
        var values = new Dictionary<string, string>();
        void Add(string name, object? value)
        {
            var text = value switch
            {
                null => null,
                DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                bool flag => flag ? "true" : "false",
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (!string.IsNullOrWhiteSpace(text))
            {
                values[name] = text;
            }
        }

        Add("q", Q);
        Add("status", Status);
        Add("categoryId", CategoryId);
        Add("promisingDepartmentId", PromisingDepartmentId);
        Add("deliveringDepartmentId", DeliveringDepartmentId);
        Add("brokenAtDepartmentId", BrokenAtDepartmentId);
        Add("customerId", CustomerId);
        Add("generalClaim", GeneralClaim);
        Add("dueFrom", DueFrom);
        Add("dueTo", DueTo);
        Add("judged", Judged);
        Add("firstTarget", FirstTarget);
        Add("cause", Cause);
        Add("changed", Changed);
        Add("submitted", Submitted);
        Add("revised", Revised);
        Add("ungated", Ungated);
        Add("firstPass", FirstPass);
        Add("handoverAccepted", HandoverAccepted);
        Add("open", Open);
        Add("light", Light);
        Add("overdueConditions", OverdueConditions);
        Add("importId", ImportId);
        return values;
    }
}
