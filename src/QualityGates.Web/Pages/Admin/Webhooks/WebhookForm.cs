using FluentValidation;
using Microsoft.Extensions.Localization;
using QualityGates.Web.Validation;
using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Pages.Admin.Webhooks;

/// <summary>What an administrator enters for an endpoint, on the create and the edit page alike.</summary>
public sealed class WebhookForm
{
    public string Name { get; set; } = "";

    public string Url { get; set; } = "";

    public List<WebhookEvent> Events { get; set; } = [];

    public bool IsActive { get; set; } = true;

    public int Version { get; set; }

    public WebhookEvent EventSet => Events.Aggregate(WebhookEvent.None, (set, e) => set | e);

    public Uri Address => WebhookAddressRules.TryParse(Url, out var uri) ? uri : throw new InvalidOperationException("Validate first.");

    public static WebhookForm From(WebhookEndpoint endpoint) => new()
    {
        Name = endpoint.Name,
        Url = endpoint.Url,
        Events = WebhookEventNames.In(endpoint.Events).ToList(),
        IsActive = endpoint.IsActive,
        Version = endpoint.Version,
    };
}

/// <summary>The address must pass the SSRF rules now, where it resolves to today; the dispatcher checks it again before every connection.</summary>
public sealed class WebhookFormValidator : AbstractValidator<WebhookForm>
{
    public WebhookFormValidator(WebhookAddressRules rules, IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage(_ => l["Webhooks.NameRequired"])
            .MaxLength(WebhookEndpoint.NameMaxLength, l);
        RuleFor(f => f.Url).NotEmpty().WithMessage(_ => l["Webhooks.UrlRequired"])
            .MaxLength(WebhookEndpoint.UrlMaxLength, l)
            .CustomAsync(async (url, context, ct) =>
            {
                if ((await rules.CheckAsync(url, ct)).Refusal is { } refusal)
                {
                    context.AddFailure(l[$"Webhooks.Refused.{refusal}"]);
                }
            });
        RuleFor(f => f.Events).NotEmpty().WithMessage(_ => l["Webhooks.EventsRequired"]);
    }
}
