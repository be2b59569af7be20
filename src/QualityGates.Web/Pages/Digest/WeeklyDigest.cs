using Microsoft.EntityFrameworkCore;
using QualityGates.Domain;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Notifications;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Digest;

/// <summary>
/// A department's weekly digest (PRODUCT.md, "a regular exchange"): what is coming to it along the value chains, the
/// handovers waiting for it or on it, the chains it is part of at risk, the promises broken last week at or after its
/// link, and last week's lessons for the categories it works in. Read for the page and for the Monday e-mail; every
/// query starts from an index that holds only what it may show or what is open now (unreceived links, waiting or
/// returned reviews, open promises, last week's outcomes and lessons), so it costs what it shows, not the history.
/// </summary>
public sealed record WeeklyDigest(
    WeekSection<DigestPromise> Coming,
    WeekSection<DigestPromise> Handovers,
    WeekSection<DigestPromise> AtRisk,
    WeekSection<DigestPromise> Broken,
    WeekSection<DigestLesson> Lessons)
{
    /// <summary>How far ahead the links coming to the department are shown, from the week's Monday.</summary>
    public const int WeeksAhead = 4;

    public bool IsEmpty => Coming.Count + Handovers.Count + AtRisk.Count + Broken.Count + Lessons.Count == 0;

    /// <summary>The digest of <paramref name="departmentId"/> for <paramref name="week"/>, at most <paramref name="limit"/> rows a section.</summary>
    public static async Task<WeeklyDigest> ReadAsync(QualityGatesDbContext db, int departmentId, IsoWeek week, int limit, CancellationToken ct)
    {
        var read = new Reader(db, departmentId, week, limit);
        return new WeeklyDigest(
            await read.ComingAsync(ct), await read.HandoversAsync(ct), await read.AtRiskAsync(ct), await read.BrokenAsync(ct), await read.LessonsAsync(ct));
    }

    private sealed class Reader(QualityGatesDbContext db, int departmentId, IsoWeek week, int limit)
    {
        private Dictionary<int, LocalizedText>? _departments;

        /// <summary>Links of the department not received yet, of promises underway, to receive within the weeks ahead or overdue.</summary>
        public Task<WeekSection<DigestPromise>> ComingAsync(CancellationToken ct)
        {
            var end = week.Monday.AddDays(7 * WeeksAhead);
            var coming = from link in db.PromiseLinks
                         where link.DepartmentId == departmentId && link.ReceivedAtUtc == null
                         join promise in db.Promises on link.PromiseId equals promise.Id
                         where promise.Status == PromiseStatus.Approved || promise.Status == PromiseStatus.Committed || promise.Status == PromiseStatus.InDelivery
                         let receiveBy = link.ReceiveBy ?? promise.DueDate
                         where receiveBy < end
                         orderby receiveBy, promise.Id
                         select new { PromiseId = promise.Id, link.Part, ReceiveBy = receiveBy };
            return SectionAsync(coming, c => c.PromiseId, c => c.Part is null
                ? new NotificationText("Digest.Coming.Fact", c.ReceiveBy)
                : new NotificationText("Digest.Coming.FactPart", c.ReceiveBy, c.Part), c => null, ct);
        }

        /// <summary>
        /// Handovers the department decides (open or on hold), and handovers returned to it: it holds the promise and
        /// hands it on again. A returned first handover is the promising side's.
        /// </summary>
        public Task<WeekSection<DigestPromise>> HandoversAsync(CancellationToken ct)
        {
            var waiting = db.GateReviews
                .Where(r => r.DecidingDepartmentId == departmentId && (r.State == GateReviewState.Open || r.State == GateReviewState.OnHold)
                            && r.Stage == GateStage.Handover)
                .Select(r => new { r.Id, r.PromiseId, r.GateCode, r.State, r.OpenedAtUtc });
            var returned = from r in db.GateReviews
                           where r.State == GateReviewState.Returned && r.Stage == GateStage.Handover && r.LinkPosition > 1
                           join promise in db.Promises on r.PromiseId equals promise.Id
                           where promise.HoldingDepartmentId == departmentId
                           select new { r.Id, r.PromiseId, r.GateCode, r.State, r.OpenedAtUtc };
            var handovers = waiting.Concat(returned).OrderBy(r => r.OpenedAtUtc).ThenBy(r => r.Id);
            return SectionAsync(handovers, r => r.PromiseId, r => new NotificationText($"Digest.Handover.{r.State}", r.GateCode), r => r.Id, ct);
        }

        /// <summary>
        /// Committed promises at risk with a link of the department, wherever along the chain they are; the risk flag is
        /// read from the covering status index of the traffic lights.
        /// </summary>
        public async Task<WeekSection<DigestPromise>> AtRiskAsync(CancellationToken ct)
        {
            var departments = await DepartmentsAsync(ct);
            var atRisk = db.Promises
                .Where(p => (p.Status == PromiseStatus.Committed || p.Status == PromiseStatus.InDelivery) && p.AtRisk
                            && db.PromiseLinks.Any(l => l.PromiseId == p.Id && l.DepartmentId == departmentId))
                .OrderBy(p => p.DueDate).ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.HoldingDepartmentId, p.RiskReason });
            return await SectionAsync(atRisk, p => p.Id,
                p => new NotificationText("Digest.AtRisk.Fact", departments[p.HoldingDepartmentId], p.RiskReason ?? ""), p => null, ct);
        }

        /// <summary>Promises broken in the week before, where the department's link comes at or before the link they broke at.</summary>
        public async Task<WeekSection<DigestPromise>> BrokenAsync(CancellationToken ct)
        {
            var departments = await DepartmentsAsync(ct);
            var (from, to) = (week.Previous.Monday, week.Previous.Sunday);
            var broken = db.Promises
                .Where(p => p.Status == PromiseStatus.Broken && p.OutcomeDate >= from && p.OutcomeDate <= to
                            && db.PromiseLinks.Any(l => l.PromiseId == p.Id && l.DepartmentId == departmentId
                                                        && db.PromiseLinks.Any(b => b.PromiseId == p.Id && b.DepartmentId == p.BrokenAtDepartmentId && l.Position <= b.Position)))
                .OrderBy(p => p.OutcomeDate).ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.OutcomeDate, BrokenAt = p.BrokenAtDepartmentId!.Value });
            return await SectionAsync(broken, p => p.Id,
                p => new NotificationText("Digest.Broken.Fact", p.OutcomeDate!.Value, departments[p.BrokenAt]), p => null, ct);
        }

        /// <summary>
        /// Active lessons of the week before in the categories of the department's open promises (neither draft, nor
        /// withdrawn, kept or broken): first those categories (a handful, read from the open promises' status index
        /// rather than the department's links of all time), then the week's lessons of each.
        /// </summary>
        public async Task<WeekSection<DigestLesson>> LessonsAsync(CancellationToken ct)
        {
            var categories = await db.Promises
                .Where(p => (p.Status == PromiseStatus.UnderReview || p.Status == PromiseStatus.Rejected || p.Status == PromiseStatus.Approved
                             || p.Status == PromiseStatus.Committed || p.Status == PromiseStatus.InDelivery)
                            && db.PromiseLinks.Any(l => l.PromiseId == p.Id && l.DepartmentId == departmentId))
                .Select(p => p.CategoryId).Distinct().ToListAsync(ct);
            var (from, to) = (week.Previous.Monday.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), week.Monday.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            var lessons = db.Lessons.Where(l => l.IsActive && l.CreatedAtUtc >= from && l.CreatedAtUtc < to && categories.Contains(l.CategoryId));
            var count = await lessons.CountAsync(ct);
            var rows = await (from lesson in lessons
                              join category in db.PromiseCategories on lesson.CategoryId equals category.Id
                              orderby lesson.CreatedAtUtc, lesson.Id
                              select new DigestLesson(lesson.Id, lesson.Text, category.Name, lesson.CreatedAtUtc))
                .Take(limit).ToListAsync(ct);
            return new WeekSection<DigestLesson>(rows, count);
        }

        /// <summary>The section's count and first rows (<paramref name="hits"/> in order), with their promises' titles and customers.</summary>
        private async Task<WeekSection<DigestPromise>> SectionAsync<T>(
            IQueryable<T> hits, Func<T, int> promiseId, Func<T, NotificationText> fact, Func<T, int?> reviewId, CancellationToken ct)
        {
            var count = await hits.CountAsync(ct);
            var rows = await hits.Take(limit).ToListAsync(ct);
            var ids = rows.Select(promiseId).Distinct().ToList();
            var promises = await (from p in db.Promises
                                  where ids.Contains(p.Id)
                                  join c in db.Customers on p.CustomerId equals c.Id into customers
                                  from c in customers.DefaultIfEmpty()
                                  select new { p.Id, p.Number, p.Title, CustomerName = c == null ? null : c.Name, p.DueDate })
                .ToDictionaryAsync(p => p.Id, ct);
            return new WeekSection<DigestPromise>(rows.Select(r =>
            {
                var p = promises[promiseId(r)];
                return new DigestPromise(p.Id, p.Number, p.Title, p.CustomerName, p.DueDate, fact(r), reviewId(r));
            }).ToList(), count);
        }

        private async Task<Dictionary<int, LocalizedText>> DepartmentsAsync(CancellationToken ct) =>
            _departments ??= await db.Departments.Select(d => new { d.Id, d.Name }).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
    }
}

/// <summary>A promise in the digest and the fact that put it there; the review when a handover did.</summary>
public sealed record DigestPromise(int Id, string Number, string Title, string? CustomerName, DateOnly DueDate, NotificationText Fact, int? ReviewId);

/// <summary>A lesson in the digest, with its category's name in both languages.</summary>
public sealed record DigestLesson(int Id, string Text, LocalizedText Category, DateTime CreatedAtUtc);
