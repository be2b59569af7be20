using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.Gates;
using QualityGates.Web.Pages.Promises;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Api;

/// <summary>
/// Promises: the register (its filters, orders and keyset paging), one promise with its reviews, and the promising
/// and delivering side's steps — each through the pages' validators, authorization handlers and GateWorkflow.
/// </summary>
internal static class PromiseEndpoints
{
    public const int MaxPageSize = 100;

    public static void Map(RouteGroupBuilder api)
    {
        var promises = api.MapGroup("/promises");
        promises.MapGet("", ListAsync).WithName("ListPromises")
            .WithSummary("The register: the same filters and orders, a page at a time (next: the cursor of the following page).");
        promises.MapGet("/{id:int}", GetAsync).WithName("GetPromise")
            .WithSummary("One promise with its gate reviews; ETag is its version.")
            .Produces<PromiseResource>().ProducesProblem(StatusCodes.Status404NotFound);
        promises.MapPost("", CreateAsync).WithName("CreatePromise")
            .WithSummary("A new draft of the token user's (promising) department.")
            .RequireAuthorization(ApiServiceCollectionExtensions.WritePolicy, Policies.MakePromises)
            .Produces<PromiseResource>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        Step(promises.MapPut("/{id:int}", EditAsync).WithName("EditPromise"), "Changes a draft.");
        Step(promises.MapPost("/{id:int}/submit", SubmitAsync).WithName("SubmitPromise"), "Submits a draft for the feasibility review (G1).");
        Step(promises.MapPost("/{id:int}/commit", CommitAsync).WithName("CommitPromise"), "Records that an approved promise was given to the customer (opens G2).");
        Step(promises.MapPost("/{id:int}/withdraw", WithdrawAsync).WithName("WithdrawPromise"), "Withdraws a promise without an outcome, with the reason.");
        Step(promises.MapPost("/{id:int}/outcome", RecordOutcomeAsync).WithName("RecordOutcome"), "The delivering department records kept or broken (opens G3).");
    }

    /// <summary>A write on an existing promise: a read-write token, If-Match, and the answers of <see cref="PromiseActions"/>.</summary>
    private static void Step(RouteHandlerBuilder endpoint, string summary) => endpoint
        .WithSummary(summary + " If-Match: the promise's ETag.")
        .RequireAuthorization(ApiServiceCollectionExtensions.WritePolicy)
        .Produces<PromiseResource>()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    private static async Task<Ok<PageOf<PromiseSummary>>> ListAsync(
        [AsParameters] PromiseFilter filter, string? sort, string? after, int? pageSize,
        QualityGatesDbContext db, TimeProvider time, HttpContext http)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var size = Math.Clamp(pageSize ?? Paging.DefaultPageSize, 1, MaxPageSize);
        var rows = filter.Apply(db, db.Promises, today);
        var count = filter.IsCountedBySummaries
            ? new ListCount(await filter.CountFromSummariesAsync(db, http.RequestAborted), IsCapped: false)
            : await ListCount.CappedAsync(rows, http.RequestAborted);
        var page = await IndexModel.Order(sort).PageAsync(PromiseListItem.Project(db, rows), after, before: null, count, size, http.RequestAborted);
        var next = page.Next is null ? null : NextLink(http.Request, page.Next);
        return TypedResults.Ok(new PageOf<PromiseSummary>(
            page.Items.Select(p => PromiseSummary.Of(p, today)).ToList(), count.Value, count.IsCapped, page.Next, next));
    }

    private static string NextLink(HttpRequest request, string cursor)
    {
        var query = request.Query.Where(q => !q.Key.Equals("after", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(q => q.Key, q => q.Value);
        query["after"] = cursor;
        return request.PathBase + request.Path + QueryString.Create(query);
    }

    private static Task<IResult> GetAsync(int id, PromiseActions actions, HttpContext http) => actions.CurrentAsync(http, id);

    private static async Task<IResult> CreateAsync(
        PromiseForm input, QualityGatesDbContext db, IValidator<PromiseForm> validator, PromiseNumberAllocator numbers,
        PromiseActions actions, TimeProvider time, IStringLocalizer<SharedResource> l, HttpContext http)
    {
        var department = await db.Departments.FindAsync([http.User.DepartmentId()], http.RequestAborted)
            ?? throw new InvalidOperationException("The token user's department does not exist.");
        var validation = await input.ValidateAsync(validator, department);
        if (!validation.IsValid)
        {
            return ApiResults.Invalid(validation);
        }

        Domain.Promises.Promise promise;
        try
        {
            promise = await input.AddDraftAsync(db, numbers, department, http.User.UserId(), time.GetUtcNow().UtcDateTime, http.RequestAborted);
        }
        catch (DomainException e)
        {
            return ApiResults.Refused(l, e);
        }

        await db.SaveChangesAsync(http.RequestAborted);
        var created = await actions.CurrentAsync(http, promise.Id);
        return created is Ok<PromiseResource> ok ? TypedResults.Created($"{ApiServiceCollectionExtensions.Prefix}/promises/{promise.Id}", ok.Value) : created;
    }

    private static Task<IResult> EditAsync(
        int id, PromiseForm input, QualityGatesDbContext db, IValidator<PromiseForm> validator, PromiseActions actions, HttpContext http)
    {
        Domain.Departments.Department? department = null;
        return actions.RunAsync(http, id, PromiseOperations.Manage,
            async promise =>
            {
                department = await db.Departments.FindAsync([promise.PromisingDepartmentId], http.RequestAborted);
                return await input.ValidateAsync(validator, department!, keptCategoryId: promise.CategoryId);
            },
            promise =>
            {
                promise.EditDraft(input.ToDetails(), department!);
                return Task.CompletedTask;
            });
    }

    private static Task<IResult> SubmitAsync(int id, GateWorkflow gates, PromiseActions actions, HttpContext http) =>
        actions.RunAsync(http, id, PromiseOperations.Manage, null, async promise => await gates.SubmitAsync(promise, http.User.UserId(), http.RequestAborted));

    private static Task<IResult> CommitAsync(
        int id, DetailsModel.CommitInput input, IValidator<DetailsModel.CommitInput> validator, GateWorkflow gates, PromiseActions actions, HttpContext http) =>
        actions.RunAsync(http, id, PromiseOperations.Manage, _ => validator.ValidateAsync(input, http.RequestAborted),
            async promise => await gates.CommitAsync(promise, input.CommittedOn!.Value, input.Channel!.Value, http.RequestAborted));

    private static Task<IResult> WithdrawAsync(
        int id, WithdrawModel.InputModel input, IValidator<WithdrawModel.InputModel> validator, GateWorkflow gates, AuditContext audit,
        PromiseActions actions, HttpContext http) =>
        actions.RunAsync(http, id, PromiseOperations.Manage, _ => validator.ValidateAsync(input, http.RequestAborted),
            async promise =>
            {
                await gates.WithdrawAsync(promise, input.Reason, http.User.UserId(), http.RequestAborted);
                audit.Reason = promise.WithdrawalReason;
            });

    private static Task<IResult> RecordOutcomeAsync(
        int id, DetailsModel.OutcomeInput input, IValidator<DetailsModel.OutcomeInput> validator, GateWorkflow gates, PromiseActions actions, HttpContext http) =>
        actions.RunAsync(http, id, PromiseOperations.Deliver, _ => validator.ValidateAsync(input, http.RequestAborted),
            async promise => await gates.RecordOutcomeAsync(
                promise, input.Kind!.Value, input.ActualValue, input.Date!.Value, input.Evidence!,
                input.Kind == Domain.Promises.OutcomeKind.Broken ? input.BreachCause : null, ct: http.RequestAborted));
}
