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
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.Gates;
using QualityGates.Web.Localization;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Promises;

/// <summary>Withdraws a promise that has no outcome yet; the reason stays on record.</summary>
public sealed class WithdrawModel(
    QualityGatesDbContext db,
    IAuthorizationService authorization,
    IValidator<WithdrawModel.InputModel> validator,
    GateWorkflow gates,
    AuditContext audit,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Promise Promise { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var (promise, refusal) = await ManageablePromise.FindAsync(this, db, authorization, id);
        if (promise is null)
        {
            return refusal!;
        }

        if (promise.Status.IsFinal())
        {
            return AlreadyFinal(promise);
        }

        Promise = promise;
        Input.Version = promise.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var (promise, refusal) = await ManageablePromise.FindAsync(this, db, authorization, id);
        if (promise is null)
        {
            return refusal!;
        }

        Promise = promise;
        (await validator.ValidateAsync(Input)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await gates.WithdrawAsync(promise, Input.Reason, User.UserId());
            db.Entry(promise).Property(p => p.Version).OriginalValue = Input.Version;
            audit.Reason = promise.WithdrawalReason;
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            TempData["Error"] = l.Error(e);
            return RedirectToPage("Details", new { id });
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = l["Messages.ConcurrencyConflict"].Value;
            return RedirectToPage("Details", new { id });
        }

        TempData["Success"] = l["Promises.Withdraw.Done", promise.Number].Value;
        return RedirectToPage("Details", new { id });
    }

    private RedirectToPageResult AlreadyFinal(Promise promise)
    {
        TempData["Error"] = l["Error.FinalCannotBeWithdrawn", l.Status(promise.Status)].Value;
        return RedirectToPage("Details", new { id = promise.Id });
    }

    public sealed class InputModel
    {
        public string Reason { get; set; } = "";

        public int Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(i => i.Reason).NotEmpty().WithMessage(_ => l["Promises.Withdraw.ReasonRequired"])
                .MaxLength(Promise.ReasonMaxLength, l);
        }
    }
}
