using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Web.Api.Tokens;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Account;

/// <summary>
/// The signed-in user's personal access tokens for the REST API: create one (its text shown once), list them, and
/// go to revoke one. A token acts as its user, so only its user (and administrators, to revoke) ever see it.
/// </summary>
public sealed class TokensModel(
    QualityGatesDbContext db, IValidator<TokensModel.InputModel> validator, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int DefaultLifetimeDays = 90;

    /// <summary>A user's own list is short; the newest this many, the administrators' list pages through all.</summary>
    public const int MaxListed = 100;

    private const string CreatedTextKey = "CreatedToken";
    private const string CreatedNameKey = "CreatedTokenName";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<AccessTokenListItem> Tokens { get; private set; } = [];

    /// <summary>The text of the token just created: shown once, on the page the creation leads to.</summary>
    public string? CreatedText { get; private set; }

    public string? CreatedName { get; private set; }

    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(NowUtc);

    public async Task OnGetAsync()
    {
        // The text of a token created by the POST before: read once, so a reload or the back button shows it no more.
        if (TempData[CreatedTextKey] is string text)
        {
            CreatedText = text;
            CreatedName = TempData[CreatedNameKey] as string;
            Response.Headers.CacheControl = "no-store";
        }

        Input.ExpiresOn = Today.AddDays(DefaultLifetimeDays);
        await LoadAsync();
    }

    /// <summary>
    /// Hands the token's text to the next GET through TempData: a cookie encrypted by data protection and deleted as
    /// soon as it is read; never a URL, never stored. Only the hash stays in the database.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        (await validator.ValidateAsync(Input)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var (token, text) = PersonalAccessToken.Create(
            User.UserId(), Input.Name, Input.Scope!.Value, Input.ExpiresOn!.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), NowUtc);
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync();
        TempData[CreatedTextKey] = text;
        TempData[CreatedNameKey] = token.Name;
        TempData["Success"] = l["Tokens.Created", token.Name].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var userId = User.UserId();
        Tokens = await AccessTokenListItem.Query(db).Where(t => t.UserId == userId)
            .OrderByDescending(t => t.Id).Take(MaxListed).ToListAsync();
    }

    public sealed class InputModel
    {
        public string Name { get; set; } = "";

        public DateOnly? ExpiresOn { get; set; }

        public AccessScope? Scope { get; set; } = AccessScope.Read;
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator(TimeProvider time, IStringLocalizer<SharedResource> l)
        {
            RuleFor(i => i.Name).NotEmpty().WithMessage(_ => l["Tokens.NameRequired"]).MaxLength(PersonalAccessToken.NameMaxLength, l);
            RuleFor(i => i.ExpiresOn).NotNull().WithMessage(_ => l["Tokens.ExpiresRequired"])
                .GreaterThan(_ => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).WithMessage(_ => l["Tokens.ExpiresInPast"])
                .LessThanOrEqualTo(_ => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays((int)PersonalAccessToken.MaxLifetime.TotalDays))
                .WithMessage(_ => l["Tokens.ExpiresTooLate"]);
            RuleFor(i => i.Scope).NotNull().WithMessage(_ => l["Tokens.ScopeRequired"]).IsInEnum().WithMessage(_ => l["Validation.InvalidValue"]);
        }
    }
}
