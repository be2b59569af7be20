using FluentValidation;

namespace QualityGates.Web.Validation;

public static class RuleExtensions
{
    public const int PasswordMinLength = 12;
    public const int PasswordMaxLength = 128;

    /// <summary>The password rule Identity also enforces, here so the message stands next to the field.</summary>
    public static IRuleBuilderOptions<T, string> NewPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Enter a new password.")
            .MinimumLength(PasswordMinLength).WithMessage($"The password must have at least {PasswordMinLength} characters.")
            .MaximumLength(PasswordMaxLength).WithMessage($"The password must have at most {PasswordMaxLength} characters.");
}
