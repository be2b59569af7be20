using FluentValidation.Results;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;

namespace QualityGates.Web.Api;

/// <summary>
/// The steps of every API write on an existing promise, in the pages' order: load (404), authorize on the
/// resource (403), the version it is based on (428), the validators (422), the version still current (412), the
/// domain verb (409 when refused), save with the version as the original value (412 when someone was faster).
/// Answers the promise as it is now, with its new entity tag.
/// </summary>
public sealed class PromiseActions(QualityGatesDbContext db, IAuthorizationService authorization, IStringLocalizer<SharedResource> l)
{
    private static readonly ValidationResult Valid = new();

    public async Task<IResult> RunAsync(
        HttpContext http, int id, OperationAuthorizationRequirement operation, Func<Promise, Task<ValidationResult>>? validate, Func<Promise, Task> verb)
    {
        var promise = await db.Promises.FindAsync([id], http.RequestAborted);
        if (promise is null)
        {
            return ApiResults.NotFound(l);
        }

        if (!(await authorization.AuthorizeAsync(http.User, promise, operation)).Succeeded)
        {
            return ApiResults.Forbidden(l);
        }

        var (expected, refusal) = EntityTags.Expected(http.Request, l);
        if (expected is not { } version)
        {
            return refusal!;
        }

        var validation = validate is null ? Valid : await validate(promise);
        if (!validation.IsValid)
        {
            return ApiResults.Invalid(validation);
        }

        if (version != promise.Version)
        {
            return EntityTags.Stale(l);
        }

        try
        {
            await verb(promise);
            db.Entry(promise).Property(p => p.Version).OriginalValue = version;
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DomainException e)
        {
            return ApiResults.Refused(l, e);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EntityTags.Stale(l);
        }

        return await CurrentAsync(http, id);
    }

    /// <summary>The promise with its reviews and its entity tag; 404 when there is none.</summary>
    public async Task<IResult> CurrentAsync(HttpContext http, int id)
    {
        var resource = await PromiseResource.LoadAsync(db, id, http.RequestAborted);
        if (resource is null)
        {
            return ApiResults.NotFound(l);
        }

        EntityTags.Set(http.Response, resource.Version);
        return TypedResults.Ok(resource);
    }
}
