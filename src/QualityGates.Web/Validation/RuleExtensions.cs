using FluentValidation;
using Microsoft.Extensions.Localization;

namespace QualityGates.Web.Validation;

public static class RuleExtensions
{
    public const int PasswordMinLength = 12;
    public const int PasswordMaxLength = 128;

    /// <summary>The password rule Identity also enforces, here so the message stands next to the field.</summary>
    public static IRuleBuilderOptions<T, string> NewPassword<T>(this IRuleBuilder<T, string> rule, IStringLocalizer l) =>
        rule.NotEmpty().WithMessage(_ => l["Password.Enter"])
            .MinimumLength(PasswordMinLength).WithMessage(_ => l["Password.TooShort", PasswordMinLength])
            .MaximumLength(PasswordMaxLength).WithMessage(_ => l["Password.TooLong", PasswordMaxLength]);

    /// <summary>A length limit with a message in the user's language.</summary>
    public static IRuleBuilderOptions<T, string?> MaxLength<T>(this IRuleBuilder<T, string?> rule, int maximum, IStringLocalizer l) =>
        rule.MaximumLength(maximum).WithMessage(_ => l["Validation.TooLong", maximum]);
}
