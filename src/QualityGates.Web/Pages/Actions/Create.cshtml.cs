using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Feedback;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Improvement;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Feedback;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Actions;

/// <summary>
/// AfterSales opens an improvement action from one or more open feedback items (policy on the page);
/// the feedback goes into improvement.
/// </summary>
public sealed class CreateModel(
    QualityGatesDbContext db,
    IValidator<ActionForm> validator,
    ImprovementWorkflow workflow,
    IStringLocalizer<SharedResource> l) : PageModel, IActionFormPage
{
    private const int DefaultDueInDays = 60;
    private const int OpenFeedbackShown = 100;

    [BindProperty]
    public ActionForm Input { get; set; } = new();

    /// <summary>The feedback the action is opened from.</summary>
    [BindProperty]
    public List<int> FeedbackIds { get; set; } = [];

    public IReadOnlyList<FeedbackListItem> OpenFeedback { get; private set; } = [];

    public IReadOnlyList<SelectListItem> ChosenOwner { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    public bool EffectivenessCheckFixed => false;

    public async Task OnGetAsync(int[] feedbackId)
    {
        FeedbackIds = [.. feedbackId];
        if (feedbackId.Length == 1 && await db.Feedback.FindAsync(feedbackId[0]) is { } feedback)
        {
            Input.Title = feedback.Title;
        }

        Input.OwnerId = User.UserId();
        Input.ResponsibleDepartmentId = User.DepartmentId();
        Input.DueDate = workflow.Today.AddDays(DefaultDueInDays);
        Input.EffectivenessCheckDate = workflow.Today.AddDays(DefaultDueInDays * 2);
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        (await validator.ValidateAsync(Input)).AddToModelState(ModelState, nameof(Input));
        if (FeedbackIds.Count == 0)
        {
            ModelState.AddModelError(nameof(FeedbackIds), l["Error.ActionNeedsFeedback"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        try
        {
            var action = await workflow.OpenAsync(Input.ToPlan(), FeedbackIds, User.UserId());
            TempData["Success"] = l["Actions.Create.Done", action.Title].Value;
            return RedirectToPage("Details", new { id = action.Id });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, l.Error(e));
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        var chosen = FeedbackIds;
        OpenFeedback = await FeedbackListItem.Query(db)
            .Where(f => f.Status != FeedbackStatus.Closed || chosen.Contains(f.Id))
            .OrderByDescending(f => chosen.Contains(f.Id)).ThenByDescending(f => f.CreatedAtUtc).ThenByDescending(f => f.Id)
            .Take(OpenFeedbackShown).ToListAsync();
        ChosenOwner = await Lookups.ChosenUserAsync(db, Input.OwnerId);
        Departments = await Lookups.DepartmentsAsync(db);
    }
}
