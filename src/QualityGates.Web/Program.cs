using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using QualityGates.Web.Api;
using QualityGates.Web.Authorization;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Backup;
using QualityGates.Web.Data.Seeding;
using QualityGates.Web.Data.Summaries;
using QualityGates.Web.Gates;
using QualityGates.Web.Hosting;
using QualityGates.Web.Imports;
using QualityGates.Web.Improvement;
using QualityGates.Web.Localization;
using QualityGates.Web.Notifications;
using QualityGates.Web.SingleSignOn;
using QualityGates.Web.Telemetry;
using QualityGates.Web.Validation;
using Serilog;
using Serilog.Formatting.Compact;

var builder = WebApplication.CreateBuilder(args);
// A wrong setting stops the start here with one line per problem, before anything reads it.
if (SettingsCheck.Problems(builder.Configuration) is { Count: > 0 } problems)
{
    foreach (var problem in problems)
    {
        await Console.Error.WriteLineAsync(problem);
    }

    return 1;
}

if (!builder.Environment.IsDevelopment())
{
    // Static files keep their manifest's headers (fingerprinted URLs cached for a year) also when the app runs from its
    // build output rather than a publish (tests, `dotnet run -e Production`); only Development re-reads changed files.
    builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
}

// Levels come from the "Serilog" section; the sinks are fixed here: console, and a daily JSON file ("LogFile").
// preserveStaticLogger: the app owns its logger. Otherwise it becomes the static Log.Logger, and disposing
// any app instance (tests run several in one process) closes whichever logger is static at that moment.
builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext()
    .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
    .WriteTo.File(
        new CompactJsonFormatter(),
        builder.Configuration["LogFile:Path"] ?? "logs/qualitygates-.log",
        rollingInterval: RollingInterval.Day,
        retainedFileCountLimit: builder.Configuration.GetValue("LogFile:RetainedFileCountLimit", 14)),
    preserveStaticLogger: true);

builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddQualityGatesHosting(builder.Configuration);
builder.Services.AddQualityGatesResponseCompression();
builder.Services.AddQualityGatesDatabase(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddQualityGatesSecurity(builder.Environment);
builder.Services.AddQualityGatesSingleSignOn(builder.Configuration, builder.Environment);
builder.Services.AddQualityGatesLocalization();
builder.Services.AddScoped<PromiseNumberAllocator>();
builder.Services.AddScoped<GateWorkflow>();
builder.Services.AddQualityGatesNotifications(builder.Configuration);
builder.Services.AddQualityGatesTelemetry(builder.Configuration);
builder.Services.AddScoped<QualityGates.Web.Data.Auditing.SignInAudit>();
builder.Services.AddScoped<ImprovementWorkflow>();
builder.Services.AddScoped<DashboardQueries>();
builder.Services.AddScoped<ImportCheck>();
builder.Services.AddScoped<ImportWriter>();
builder.Services.AddQualityGatesApi(builder.Configuration);
// A validator compiles its rules when it is built: those that need no database are built once, not per request.
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, v => !ValidatorLifetimes.NeedsDatabase(v.ValidatorType));
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Scoped, v => ValidatorLifetimes.NeedsDatabase(v.ValidatorType));
// One message per field: the first rule that fails, and later rules never see an empty value.
ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
builder.Services.AddHealthChecks().AddDbContextCheck<QualityGatesDbContext>(tags: ["ready"]);

builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/Admin", Policies.Administration);
    options.Conventions.AuthorizePage("/Promises/Create", Policies.MakePromises);
    options.Conventions.AuthorizeFolder("/Promises/Import", Policies.MakePromises);
    options.Conventions.AuthorizePage("/Customers/Create", Policies.ManageCustomers);
    options.Conventions.AuthorizePage("/Envelopes/Create", Policies.DefineEnvelopes);
    options.Conventions.AuthorizePage("/Feedback/Create", Policies.RunImprovement);
    options.Conventions.AuthorizePage("/Feedback/Edit", Policies.RunImprovement);
    options.Conventions.AuthorizePage("/Actions/Create", Policies.RunImprovement);
    options.Conventions.AuthorizePage("/Actions/Edit", Policies.RunImprovement);
    options.Conventions.AuthorizePage("/Lessons/Create", Policies.RunImprovement);
    options.Conventions.AllowAnonymousToPage("/Account/Login");
    options.Conventions.AllowAnonymousToPage("/Account/External");
    options.Conventions.AllowAnonymousToPage("/Error");
    options.Conventions.AllowAnonymousToPage("/Culture");
})
    .AddViewLocalization()
    // FluentValidation is the one source of validation messages, also for non-nullable strings.
    .AddMvcOptions(options =>
    {
        options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        options.Filters.Add(new UnknownHandlerFilter());
        options.Filters.Add(new TamperedInputFilter());
    });

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseLastResortErrorPage();
}

// Behind a proxy: the client's address and scheme, believed only from the trusted proxies (ADR 0014).
app.UseForwardedHeaders();
app.UseInstanceHeader(app.Configuration);
app.UseSecurityHeaders();
app.UseQualityGatesResponseCompression();
if (!app.Environment.IsDevelopment())
{
    // An unreachable database is a 503 with the friendly page, never a stack trace (ADR 0015).
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/Error",
        StatusCodeSelector = HostingExtensions.StatusCodeFor,
    });
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseApiProblemDetails();
// This app's logger, not the static one: several app instances in one process (tests) must not mix logs.
app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
app.UseRequestLocalization();
if (app.Environment.IsDevelopment())
{
    app.UseHttpsRedirection();
}
else
{
    app.UseHttpsRequirement();
}

app.UseLoginRateLimiting();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

// Stylesheets and scripts are public: the login page needs them before anyone has signed in.
app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages().WithStaticAssets();
app.MapQualityGatesApi();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();

if (args is [BackupCommand.Backup or BackupCommand.Restore, var backupFile])
{
    // Before InitializeDatabaseAsync: a backup must not migrate the database it copies, a restore needs it empty.
    return await BackupCommand.RunAsync(app.Services, args[0], backupFile, Console.Out, Console.Error);
}

await app.InitializeDatabaseAsync();
if (args is ["rebuild-summaries"])
{
    // After a bulk load or an import around the app: recount the summaries, then stop (ADR 0021).
    await using var scope = app.Services.CreateAsyncScope();
    await SummaryRebuild.RunAsync(scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>());
    return 0;
}

await app.RunAsync();
return 0;
