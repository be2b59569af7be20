using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Customers;
using QualityGates.Web.Data;

namespace QualityGates.Web.Pages.Customers;

public sealed class CreateModel(QualityGatesDbContext db, IValidator<CreateModel.InputModel> validator, TimeProvider time) : PageModel
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
            ModelState.AddModelError(string.Empty, "A customer with this name or account number was just added by someone else.");
            return Page();
        }

        TempData["Success"] = $"Customer {customer.Name} added.";
        return RedirectToPage("Index", new { q = customer.Name });
    }

    public sealed class InputModel
    {
        public string Name { get; set; } = "";

        public string? AccountNumber { get; set; }
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator(QualityGatesDbContext db)
        {
            RuleFor(i => i.Name).NotEmpty().WithMessage("Enter the customer's name.")
                .MaximumLength(Customer.NameMaxLength)
                .MustAsync(async (name, ct) => !await db.Customers.AnyAsync(c => c.Name == name.Trim(), ct))
                .WithMessage("A customer with this name already exists.");
            RuleFor(i => i.AccountNumber).MaximumLength(Customer.AccountNumberMaxLength)
                .MustAsync(async (number, ct) => !await db.Customers.AnyAsync(c => c.AccountNumber == number!.Trim(), ct))
                .WithMessage("Another customer already has this account number.")
                .When(i => !string.IsNullOrWhiteSpace(i.AccountNumber));
        }
    }
}
