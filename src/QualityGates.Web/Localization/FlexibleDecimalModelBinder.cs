using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace QualityGates.Web.Localization;

/// <summary>
/// Reads decimals typed in either supported format: "99,5" and "99.5" are 99.5 in German and English
/// alike, while "1.000" (German) and "1,000" (English) keep meaning one thousand. A value that fits no
/// format is a binding error with a message, never a silent 0 or a misread 995.
/// </summary>
public sealed class FlexibleDecimalModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        var text = result.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }

            return Task.CompletedTask;
        }

        if (TryParse(text, CultureInfo.CurrentCulture, out var value))
        {
            bindingContext.Result = ModelBindingResult.Success(value);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(
                bindingContext.ModelName,
                bindingContext.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(text, bindingContext.ModelMetadata.GetDisplayName()));
        }

        return Task.CompletedTask;
    }

    public static bool TryParse(string text, CultureInfo culture, out decimal value)
    {
        const NumberStyles plain = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        var format = culture.NumberFormat;
        // Thousands separators count only in well-formed groups of three digits: "1.000,5" in German.
        if (GroupedNumber(format).IsMatch(text)
            && decimal.TryParse(text, plain | NumberStyles.AllowThousands, culture, out value))
        {
            return true;
        }

        if (decimal.TryParse(text, plain, culture, out value) || decimal.TryParse(text, plain, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        foreach (var other in Cultures.SupportedCultures)
        {
            if (decimal.TryParse(text, plain, other, out value))
            {
                return true;
            }
        }

        value = 0;
        return false;
    }

    private static Regex GroupedNumber(NumberFormatInfo format) => new(
        $@"^-?\d{{1,3}}({Regex.Escape(format.NumberGroupSeparator)}\d{{3}})+({Regex.Escape(format.NumberDecimalSeparator)}\d+)?$",
        RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
}

public sealed class FlexibleDecimalModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(decimal) ? new FlexibleDecimalModelBinder() : null;
}
