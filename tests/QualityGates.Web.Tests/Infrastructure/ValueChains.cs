using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;

namespace QualityGates.Web.Tests.Infrastructure;

/// <summary>A promise built by Production, installed by Projects and run by Service, moved along through the pages of every role.</summary>
public static class ValueChains
{
    public const string Decide = "form[action*='handler=Decide']";
    public const string Production = "production.manager@demo.local";
    public const string Projects = "projects.manager@demo.local";
    public const string Service = "service.manager@demo.local";

    public static async Task<TestClient> SignedInAsync(this QualityGatesFactory factory, string email)
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(email);
        return client;
    }

    /// <summary>The new-promise form with three links; Projects receives it in 30 days unless told, Service when told.</summary>
    public static async Task<Dictionary<string, string>> ChainFormAsync(
        this QualityGatesFactory factory, string title, DateOnly? projectsReceiveBy = null, DateOnly? serviceReceiveBy = null)
    {
        string Day(DateOnly day) => factory.FormDate(day.DayNumber - factory.Today.DayNumber);
        var form = await factory.NewPromiseFormAsync(title);
        form["Input.DeliveringDepartmentId"] = await factory.DepartmentAsync("Production");
        form["Input.DeliveringPart"] = "build";
        form["Input.FurtherLinks[0].DepartmentId"] = await factory.DepartmentAsync("Projects");
        form["Input.FurtherLinks[0].Part"] = "install";
        form["Input.FurtherLinks[0].ReceiveBy"] = Day(projectsReceiveBy ?? factory.Today.AddDays(30));
        form["Input.FurtherLinks[1].DepartmentId"] = await factory.DepartmentAsync("Service");
        form["Input.FurtherLinks[1].Part"] = "operate";
        if (serviceReceiveBy is { } day)
        {
            form["Input.FurtherLinks[1].ReceiveBy"] = Day(day);
        }

        return form;
    }

    /// <summary>Sales creates the promise from <paramref name="form"/> and submits it; returns its id.</summary>
    public static async Task<int> SubmittedAsync(this QualityGatesFactory factory, Dictionary<string, string> form)
    {
        using var sales = await factory.SignedInAsync("sales@demo.local");
        var created = await sales.SubmitAsync("/Promises/Create", form);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var details = created.Headers.Location!.PathAndQuery();
        await sales.SubmitAsync(details, new Dictionary<string, string>(), "form[action*='handler=Submit']");
        return int.Parse(details.Split('/').Last(), CultureInfo.InvariantCulture);
    }

    /// <summary>The promise's reviews of a stage still to decide or returned, by link position.</summary>
    public static Task<Dictionary<int, int>> OpenReviewsByLinkAsync(this QualityGatesFactory factory, int promiseId, GateStage stage) =>
        factory.WithDbAsync(db => db.GateReviews
            .Where(r => r.PromiseId == promiseId && r.Stage == stage && (r.State == GateReviewState.Open || r.State == GateReviewState.Returned))
            .ToDictionaryAsync(r => r.LinkPosition!.Value, r => r.Id));

    /// <summary>The manager answers every checkpoint Met and decides, with <paramref name="more"/> fields (a condition) if given.</summary>
    public static async Task<HttpResponseMessage> DecideAsync(
        this TestClient manager, int reviewId, GateDecision decision, string? reason = null, IReadOnlyDictionary<string, string>? more = null)
    {
        var page = await manager.GetPageAsync($"/Reviews/Details/{reviewId}");
        var fields = page.QuerySelectorAll<IHtmlInputElement>("input[type=radio][name$='.Answer']").Select(i => i.Name!).Distinct()
            .ToDictionary(name => name, _ => nameof(CheckpointAnswer.Met));
        fields["Input.Decision"] = decision.ToString();
        if (reason is not null)
        {
            fields["Input.Reason"] = reason;
        }

        foreach (var (name, value) in more ?? new Dictionary<string, string>())
        {
            fields[name] = value;
        }

        return await manager.SubmitAsync(page, fields, Decide);
    }

    public static async Task DecideLinkAsync(this QualityGatesFactory factory, string manager, int reviewId, GateDecision decision, string? reason = null)
    {
        using var client = await factory.SignedInAsync(manager);
        Assert.Equal(HttpStatusCode.Redirect, (await client.DecideAsync(reviewId, decision, reason)).StatusCode);
    }

    /// <summary>Every link's manager says Go at G1.</summary>
    public static async Task<int> ApprovedAsync(this QualityGatesFactory factory, Dictionary<string, string> form)
    {
        var promiseId = await factory.SubmittedAsync(form);
        var reviews = await factory.OpenReviewsByLinkAsync(promiseId, GateStage.Feasibility);
        await factory.DecideLinkAsync(Production, reviews[1], GateDecision.Go);
        await factory.DecideLinkAsync(Projects, reviews[2], GateDecision.Go);
        await factory.DecideLinkAsync(Service, reviews[3], GateDecision.Go);
        return promiseId;
    }

    /// <summary>Approved, committed by Sales, and accepted by Production at G2.</summary>
    public static async Task<int> WithProductionAsync(this QualityGatesFactory factory, Dictionary<string, string> form)
    {
        var promiseId = await factory.ApprovedAsync(form);
        using var sales = await factory.SignedInAsync("sales@demo.local");
        await sales.SubmitAsync($"/Promises/Details/{promiseId}",
            new Dictionary<string, string> { ["Commit.CommittedOn"] = factory.FormDate(0), ["Commit.Channel"] = "Contract" }, "form.commit-form");
        await factory.DecideLinkAsync(Production, (await factory.OpenReviewsByLinkAsync(promiseId, GateStage.Handover))[1], GateDecision.Go);
        return promiseId;
    }

    /// <summary>The holding department hands the promise on to the next link.</summary>
    public static async Task HandOnAsync(this QualityGatesFactory factory, string holder, int promiseId)
    {
        using var client = await factory.SignedInAsync(holder);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/Promises/Details/{promiseId}", new Dictionary<string, string>(), "form.hand-on-form")).StatusCode);
    }
}
