using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Improvement;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Notifications;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Actions;

/// <summary>AfterSales changes an action's plan; after Plan the effectiveness check stays as it was set.</summary>
public sealed class EditModel(
    QualityGatesDbContext db,
    IValidator<ActionForm> validator,
    IAuthorizationService authorization,
    ImprovementNotifications notifications,
    IStringLocalizer<SharedResource> l) : PageModel, IActionFormPage
{
    [BindProperty]
    public ActionForm Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> ChosenOwner { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    public ImprovementAction Action { get; private set; } = null!;

    public bool EffectivenessCheckFixed => Action.Phase != PdcaPhase.Plan;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var (action, refusal) = await FindAsync(id);
        if (action is null)
        {
            return refusal!;
        }

        Input = ActionForm.From(action);
        await LoadAsync(action);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var (action, refusal) = await FindAsync(id);
        if (action is null)
        {
            return refusal!;
        }

        (await validator.ValidateAsync(Input)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            await LoadAsync(action);
            return Page();
        }

        if (Input.Version != action.Version)
        {
            return await ConflictAsync(action);
        }

        try
        {
            var previousOwner = action.OwnerId;
            action.ChangePlan(Input.ToPlan());
            if (action.OwnerId != previousOwner)
            {
                await notifications.ActionAssignedAsync(action);
            }

            db.Entry(action).Property(a => a.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, l.Error(e));
            await LoadAsync(action);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            await db.Entry(action).ReloadAsync();
            return await ConflictAsync(action);
        }

        TempData["Success"] = l["Actions.Edit.Done", action.Title].Value;
        return RedirectToPage("Details", new { id });
    }

    private async Task<(ImprovementAction? Action, IActionResult? Refusal)> FindAsync(int id)
    {
        var action = await db.ImprovementActions.FindAsync(id);
        if (action is null)
        {
            return (null, NotFound());
        }

        var allowed = await authorization.AuthorizeAsync(User, action, ImprovementOperations.ChangePlan);
        return allowed.Succeeded ? (action, null) : (null, Forbid());
    }

    private async Task<IActionResult> ConflictAsync(ImprovementAction current)
    {
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, l["Messages.ConcurrencyConflict"]);
        Input = ActionForm.From(current);
        await LoadAsync(current);
        return Page();
    }

    private async Task LoadAsync(ImprovementAction action)
    {
        Action = action;
        ChosenOwner = await Lookups.ChosenUserAsync(db, Input.OwnerId);
        Departments = await Lookups.DepartmentsAsync(db);
    }
}
