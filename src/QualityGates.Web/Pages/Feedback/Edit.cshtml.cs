using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Feedback;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Feedback;

/// <summary>AfterSales corrects feedback that is not closed (policy on the page); a stale form is a conflict.</summary>
public sealed class EditModel(
    QualityGatesDbContext db,
    IValidator<FeedbackForm> validator,
    IStringLocalizer<SharedResource> l) : PageModel, IFeedbackFormPage
{
    [BindProperty]
    public FeedbackForm Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> ChosenCustomer { get; private set; } = [];

    public FeedbackItem Feedback { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var feedback = await db.Feedback.FindAsync(id);
        if (feedback is null)
        {
            return NotFound();
        }

        Input = FeedbackForm.From(feedback, await PromiseNumberAsync(feedback));
        await LoadAsync(feedback);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var feedback = await db.Feedback.FindAsync(id);
        if (feedback is null)
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            await LoadAsync(feedback);
            return Page();
        }

        if (Input.Version != feedback.Version)
        {
            return await ConflictAsync(feedback);
        }

        try
        {
            feedback.Edit(await Input.ToDetailsAsync(db));
            db.Entry(feedback).Property(f => f.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, l.Error(e));
            await LoadAsync(feedback);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            await db.Entry(feedback).ReloadAsync();
            return await ConflictAsync(feedback);
        }

        TempData["Success"] = l["Feedback.Edit.Done", feedback.Title].Value;
        return RedirectToPage("Details", new { id });
    }

    private async Task<IActionResult> ConflictAsync(FeedbackItem current)
    {
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, l["Messages.ConcurrencyConflict"]);
        Input = FeedbackForm.From(current, await PromiseNumberAsync(current));
        await LoadAsync(current);
        return Page();
    }

    private async Task<string?> PromiseNumberAsync(FeedbackItem feedback) =>
        feedback.PromiseId is { } promiseId ? await db.Promises.Where(p => p.Id == promiseId).Select(p => p.Number).SingleAsync() : null;

    private async Task LoadAsync(FeedbackItem feedback)
    {
        Feedback = feedback;
        ChosenCustomer = await Lookups.ChosenCustomerAsync(db, Input.CustomerId);
    }
}
