using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Notifications;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Feedback;

/// <summary>
/// AfterSales files feedback (policy on the page). From a broken promise it comes prefilled: the promise,
/// its customer and the type "broken promise".
/// </summary>
public sealed class CreateModel(
    QualityGatesDbContext db,
    IValidator<FeedbackForm> validator,
    ImprovementNotifications notifications,
    TimeProvider time,
    IStringLocalizer<SharedResource> l) : PageModel, IFeedbackFormPage
{
    [BindProperty]
    public FeedbackForm Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> ChosenCustomer { get; private set; } = [];

    public async Task OnGetAsync(int? promiseId)
    {
        if (promiseId is { } id
            && await db.Promises.Where(p => p.Id == id).Select(p => new { p.Number, p.Title, p.CustomerId, p.Outcome }).SingleOrDefaultAsync() is { } promise)
        {
            Input.PromiseNumber = promise.Number;
            Input.CustomerId = promise.CustomerId;
            Input.Title = promise.Title;
            if (promise.Outcome == OutcomeKind.Broken)
            {
                Input.Type = FeedbackType.BrokenPromise;
                Input.Severity = FeedbackSeverity.High;
            }
        }

        ChosenCustomer = await Lookups.ChosenCustomerAsync(db, Input.CustomerId);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        (await validator.ValidateAsync(Input)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            ChosenCustomer = await Lookups.ChosenCustomerAsync(db, Input.CustomerId);
            return Page();
        }

        FeedbackItem feedback;
        try
        {
            feedback = await Input.FileAsync(db, notifications, User.UserId(), time.GetUtcNow().UtcDateTime);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, l.Error(e));
            ChosenCustomer = await Lookups.ChosenCustomerAsync(db, Input.CustomerId);
            return Page();
        }

        await db.SaveChangesAsync();
        TempData["Success"] = l["Feedback.Create.Done", feedback.Title].Value;
        return RedirectToPage("Details", new { id = feedback.Id });
    }
}
