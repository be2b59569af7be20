using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Gates;
using QualityGates.Web.Localization;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Promises;

/// <summary>
/// Changes a submitted promise (moving target): a new revision with a reason, and the feasibility gate
/// opens again for the changed text.
/// </summary>
public sealed class ChangeModel(
    QualityGatesDbContext db,
    IValidator<PromiseForm> validator,
    IValidator<ChangeModel.ReasonInput> reasonValidator,
    IAuthorizationService authorization,
    GateWorkflow gates,
    IStringLocalizer<SharedResource> l) : PageModel, IPromiseFormPage
{
    [BindProperty]
    public PromiseForm Input { get; set; } = new();

    [BindProperty]
    public ReasonInput Reason { get; set; } = new();

    public PromiseFormOptions Options { get; private set; } = null!;

    public string PromisingDepartmentName { get; private set; } = "";

    public Promise Promise { get; private set; } = null!;

    public static bool IsChangeable(PromiseStatus status) =>
        status is PromiseStatus.UnderReview or PromiseStatus.Approved or PromiseStatus.Committed or PromiseStatus.InDelivery;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var (promise, refusal) = await ManageablePromise.FindAsync(this, db, authorization, id);
        if (promise is null)
        {
            return refusal!;
        }

        if (!IsChangeable(promise.Status))
        {
            return NotChangeable(promise);
        }

        Input = PromiseForm.From(promise);
        await LoadAsync(promise);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var (promise, refusal) = await ManageablePromise.FindAsync(this, db, authorization, id);
        if (promise is null)
        {
            return refusal!;
        }

        if (!IsChangeable(promise.Status))
        {
            return NotChangeable(promise);
        }

        var department = await db.Departments.SingleAsync(d => d.Id == promise.PromisingDepartmentId);
        (await reasonValidator.ValidateAsync(Reason)).AddToModelState(ModelState, nameof(Reason));
        if (!await Input.ValidateAsync(validator, department, ModelState, nameof(Input), promise.CategoryId))
        {
            await LoadAsync(promise);
            return Page();
        }

        try
        {
            db.Entry(promise).Property(p => p.Version).OriginalValue = Input.Version;
            await gates.ReviseAsync(promise, Input.ToDetails(), department, Reason.Kind!.Value, Reason.Text, User.UserId());
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, l.Error(e));
            await LoadAsync(promise);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Promises.SingleAsync(p => p.Id == id);
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, l["Messages.ConcurrencyConflict"]);
            Input = PromiseForm.From(current);
            await LoadAsync(current);
            return Page();
        }

        TempData["Success"] = l["Promises.Change.Done", promise.Number, promise.Revision].Value;
        return RedirectToPage("Details", new { id });
    }

    private RedirectToPageResult NotChangeable(Promise promise)
    {
        TempData["Error"] = l["Error.RevisionNotPossible", l.Status(promise.Status)].Value;
        return RedirectToPage("Details", new { id = promise.Id });
    }

    private async Task LoadAsync(Promise promise)
    {
        Promise = promise;
        var department = await db.Departments.SingleAsync(d => d.Id == promise.PromisingDepartmentId);
        PromisingDepartmentName = department.Name.In(Cultures.Current);
        Options = await PromiseFormOptions.LoadAsync(db, department, Input, promise.CategoryId);
    }

    public sealed class ReasonInput
    {
        public RevisionReason? Kind { get; set; }

        public string? Text { get; set; }
    }

    public sealed class ReasonValidator : AbstractValidator<ReasonInput>
    {
        public ReasonValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(r => r.Kind).NotNull().WithMessage(_ => l["Promises.Change.ReasonRequired"]).IsInEnum().WithMessage(_ => l["Validation.InvalidValue"]);
            RuleFor(r => r.Text).MaxLength(Promise.ReasonMaxLength, l);
        }
    }
}
