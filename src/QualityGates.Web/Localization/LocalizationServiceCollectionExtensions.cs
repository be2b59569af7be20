using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace QualityGates.Web.Localization;

public static class LocalizationServiceCollectionExtensions
{
    /// <summary>
    /// English and German: the user's choice (cookie, set from their profile at sign-in) wins over the
    /// browser's Accept-Language; model-binding messages and decimal input follow the request culture.
    /// </summary>
    public static IServiceCollection AddQualityGatesLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddOptions<DisplayOptions>().BindConfiguration(DisplayOptions.Section);
        services.AddSingleton<TimeZones>();
        services.AddScoped<ViewerTimeZone>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(Cultures.English);
            options.SupportedCultures = [.. Cultures.SupportedCultures];
            options.SupportedUICultures = [.. Cultures.SupportedCultures];
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((options, factory) =>
        {
            var l = factory.Create(typeof(SharedResource));
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, _) => l["Validation.NotAValidValue", value]);
            messages.SetValueIsInvalidAccessor(value => l["Validation.NotAValidValue", value]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Validation.NotAValidValue", value]);
            messages.SetUnknownValueIsInvalidAccessor(_ => l["Validation.InvalidValue"]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.InvalidValue"]);
            messages.SetValueMustNotBeNullAccessor(_ => l["Validation.Required"]);
            messages.SetMissingBindRequiredValueAccessor(_ => l["Validation.Required"]);
            messages.SetMissingKeyOrValueAccessor(() => l["Validation.Required"]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.Required"]);
            messages.SetValueMustBeANumberAccessor(_ => l["Validation.MustBeANumber"]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.MustBeANumber"]);
            options.ModelBinderProviders.Insert(0, new FlexibleDecimalModelBinderProvider());
        });
        return services;
    }
}
