using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Customers;
using QualityGates.Web.Data;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Customers;

public sealed class CreateModel(
    QualityGatesDbContext db, IValidator<CreateModel.InputModel> validator, TimeProvider time, IStringLocalizer<SharedResource> l)
    : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        (await validator.ValidateAsync(Input)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var customer = new Customer(Input.Name, Input.AccountNumber, time.GetUtcNow().UtcDateTime);
        db.Customers.Add(customer);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Someone added the same name or number between our check and the insert: the unique index refused it.
            ModelState.AddModelError(string.Empty, l["Customers.JustAdded"]);
            return Page();
        }

        TempData["Success"] = l["Customers.Added", customer.Name].Value;
        return RedirectToPage("Index", new { q = customer.Name });
    }

    public sealed class InputModel
    {
        public string Name { get; set; } = "";

        public string? AccountNumber { get; set; }
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator(QualityGatesDbContext db, IStringLocalizer<SharedResource> l)
        {
            RuleFor(i => i.Name).NotEmpty().WithMessage(_ => l["Customers.NameRequired"])
                .MaxLength(Customer.NameMaxLength, l)
                .MustAsync(async (name, ct) => !await db.Customers.AnyAsync(c => c.Name == name!.Trim(), ct))
                .WithMessage(_ => l["Customers.NameTaken"]);
            RuleFor(i => i.AccountNumber).MaxLength(Customer.AccountNumberMaxLength, l)
                .MustAsync(async (number, ct) => !await db.Customers.AnyAsync(c => c.AccountNumber == number!.Trim(), ct))
                .WithMessage(_ => l["Customers.AccountNumberTaken"])
                .When(i => !string.IsNullOrWhiteSpace(i.AccountNumber));
        }
    }
}
