using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using QualityGates.Web.Hosting;

namespace QualityGates.Web.Tests;

/// <summary>A wrong setting stops the start with one line naming the setting and what is allowed.</summary>
public sealed class SettingsCheckTests
{
    private static IReadOnlyList<string> ProblemsWith(params (string Key, string Value)[] settings) => SettingsCheck.Problems(
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Theory]
    [InlineData("Database:Provider", "Oracle", "one of Sqlite, SqlServer, PostgreSql")]
    [InlineData("Database:Provider", "7", "one of Sqlite, SqlServer, PostgreSql")]
    [InlineData("Database:MigrateOnStartup", "yes", "true or false")]
    [InlineData("Database:MaxRetryCount", "-1", "a whole number from 0 to 10")]
    [InlineData("Database:MaxRetryDelay", "2 seconds", "a duration from 00:00:00 to 00:01:00")]
    [InlineData("Demo:Seed", "1", "true or false")]
    [InlineData("Bootstrap:AdminEmail", "it-department", "an e-mail address")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.0.0.300", "IP addresses")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0", "networks in CIDR notation")]
    [InlineData("HTTPS_PORT", "70000", "a whole number from 1 to 65535")]
    [InlineData("RateLimiting:Login:PermitLimitPerAddress", "0", "a whole number of at least 1")]
    [InlineData("RateLimiting:Login:PermitLimitPerUserName", "ten", "a whole number of at least 1")]
    [InlineData("RateLimiting:Login:Window", "00:00:00", "a duration from 00:00:01 to 1.00:00:00")]
    [InlineData("LogFile:Path", " ", "a file path")]
    [InlineData("LogFile:RetainedFileCountLimit", "0", "a whole number from 1 to 3650")]
    [InlineData("Serilog:MinimumLevel:Default", "Loud", "one of Verbose, Debug, Information, Warning, Error, Fatal")]
    [InlineData("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Quiet", "one of Verbose, Debug, Information, Warning, Error, Fatal")]
    [InlineData("Display:DefaultTimeZone", "Berlin", "an IANA time zone")]
    [InlineData("Display:DefaultTimeZone", "W. Europe Standard Time", "an IANA time zone")]
    [InlineData("Notifications:BackgroundEnabled", "on", "true or false")]
    [InlineData("Notifications:PollInterval", "30", "a duration from 00:00:01 to 1.00:00:00")]
    [InlineData("Notifications:BatchSize", "0", "a whole number from 1 to 10000")]
    [InlineData("Notifications:MaxAttempts", "1000", "a whole number from 1 to 100")]
    [InlineData("Notifications:RetryDelay", "-00:01:00", "a duration from 00:00:01 to 1.00:00:00")]
    [InlineData("Notifications:Lease", "00:00:01", "a duration from 00:00:10 to 1.00:00:00")]
    [InlineData("Notifications:RetainSentFor", "00:10:00", "a duration from 1.00:00:00 to 3650.00:00:00")]
    [InlineData("Notifications:RemindersAtHourUtc", "24", "a whole number from 0 to 23")]
    [InlineData("Notifications:BaseUrl", "qualitygates.example.com", "the app's public address")]
    [InlineData("Notifications:BaseUrl", "ftp://qualitygates.example.com", "the app's public address")]
    [InlineData("Notifications:PickupFolder", "", "a folder path")]
    [InlineData("Notifications:Smtp:Host", "smtp example com", "a host name")]
    [InlineData("Notifications:Smtp:Port", "0", "a whole number from 1 to 65535")]
    [InlineData("Notifications:Smtp:UseStartTls", "maybe", "true or false")]
    [InlineData("Notifications:Smtp:From", "QualityGates", "a sender such as")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "otel-collector:4317", "the collector's OTLP address")]
    [InlineData("Authentication:OpenIdConnect:LocalAccounts", "Sometimes", "one of Enabled, AdministratorsOnly, Disabled")]
    public void A_wrong_value_gives_one_line_that_names_the_setting_its_environment_variable_and_what_is_allowed(string key, string value, string allowed)
    {
        var problem = Assert.Single(ProblemsWith((key, value)));

        Assert.StartsWith($"Setting {key} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)}) is \"{value}\"; allowed: ", problem, StringComparison.Ordinal);
        Assert.Contains(allowed, problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }

    [Theory]
    [InlineData("Database:Provider", "postgresql")]
    [InlineData("Database:MaxRetryDelay", "00:00:02")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "fd00::/8")]
    [InlineData("Notifications:BaseUrl", "")]
    [InlineData("Notifications:Smtp:Host", "10.0.0.25")]
    [InlineData("Notifications:Smtp:From", "Quality Gates <gates@company.example>")]
    [InlineData("Serilog:MinimumLevel:Default", "warning")]
    [InlineData("Display:DefaultTimeZone", "America/New_York")]
    public void Allowed_values_pass(string key, string value)
    {
        var settings = key == "Database:Provider"
            ? new[] { (key, value), ("ConnectionStrings:QualityGates", "Host=db;Database=qualitygates") }
            : [(key, value)];

        Assert.Empty(ProblemsWith(settings));
    }

    [Fact]
    public void Single_sign_on_settings_as_the_docs_give_them_pass() => Assert.Empty(ProblemsWith(SingleSignOn()));

    [Theory]
    [InlineData("Authority", "http://login.example.com/tenant", "Setting Authentication:OpenIdConnect:Authority (environment variable Authentication__OpenIdConnect__Authority) is \"http://login.example.com/tenant\"; allowed: an https address")]
    [InlineData("ClientId", null, "Setting Authentication:OpenIdConnect:ClientId (environment variable Authentication__OpenIdConnect__ClientId) is missing")]
    [InlineData("Scopes", "profile email", "allowed: space-separated scopes including openid")]
    [InlineData("Mappings:0:Role", "Boss", "Setting Authentication:OpenIdConnect:Mappings:0:Role (environment variable Authentication__OpenIdConnect__Mappings__0__Role) is \"Boss\"; allowed: one of Administrator, SalesRep")]
    [InlineData("Mappings:0:Value", " ", "Authentication:OpenIdConnect:Mappings:0:Value")]
    public void A_wrong_single_sign_on_setting_is_named(string key, string? value, string expected)
    {
        var settings = SingleSignOn().Where(s => s.Key != $"Authentication:OpenIdConnect:{key}").ToList();
        if (value is not null)
        {
            settings.Add(($"Authentication:OpenIdConnect:{key}", value));
        }

        Assert.Contains(expected, Assert.Single(ProblemsWith([.. settings])), StringComparison.Ordinal);
    }

    [Fact]
    public void Switching_passwords_off_without_a_provider_is_refused_as_nobody_could_sign_in()
    {
        var problem = Assert.Single(ProblemsWith(("Authentication:OpenIdConnect:LocalAccounts", "Disabled")));

        Assert.StartsWith("Setting Authentication:OpenIdConnect:Authority (environment variable Authentication__OpenIdConnect__Authority) is missing", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_without_any_role_mapping_is_refused_as_nobody_could_sign_in_through_it()
    {
        var problem = Assert.Single(ProblemsWith([.. SingleSignOn().Where(s => !s.Key.EndsWith(":Role", StringComparison.Ordinal))]));

        Assert.Contains("at least one mapping with a Role", problem, StringComparison.Ordinal);
    }

    private static (string Key, string Value)[] SingleSignOn() =>
    [
        ("Authentication:OpenIdConnect:Authority", "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0"),
        ("Authentication:OpenIdConnect:ClientId", "11111111-2222-3333-4444-555555555555"),
        ("Authentication:OpenIdConnect:LocalAccounts", "AdministratorsOnly"),
        ("Authentication:OpenIdConnect:Mappings:0:Value", "3f1e0000-aaaa-bbbb-cccc-000000000001"),
        ("Authentication:OpenIdConnect:Mappings:0:Role", "SalesRep"),
        ("Authentication:OpenIdConnect:Mappings:0:Department", "Sales"),
    ];

    [Fact]
    public void A_server_database_without_a_connection_string_is_refused_by_name()
    {
        var problem = Assert.Single(ProblemsWith(("Database:Provider", "SqlServer")));

        Assert.Equal(
            "Setting ConnectionStrings:QualityGates (environment variable ConnectionStrings__QualityGates) is missing; " +
            "allowed: a SqlServer connection string (required when Database:Provider is SqlServer).",
            problem);
    }

    [Fact]
    public void A_connection_string_the_provider_cannot_read_is_refused_without_showing_its_password()
    {
        var problem = Assert.Single(ProblemsWith(
            ("Database:Provider", "PostgreSql"), ("ConnectionStrings:QualityGates", "Host=db;Password=s3cret-value;Colour=blue")));

        Assert.StartsWith("Setting ConnectionStrings:QualityGates (environment variable ConnectionStrings__QualityGates) is not valid; allowed: a PostgreSql connection string", problem, StringComparison.Ordinal);
        Assert.Contains("colour", problem, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("s3cret-value", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_first_administrator_password_is_refused_without_showing_it()
    {
        var problem = Assert.Single(ProblemsWith(("Bootstrap:AdminPassword", "short-pw")));

        Assert.Contains("is not valid; allowed: at least 12 characters", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("short-pw", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_wrong_setting_is_reported_at_once()
    {
        var problems = ProblemsWith(("Notifications:PollInterval", "soon"), ("Notifications:Smtp:Port", "smtp"), ("Demo:Seed", "maybe"));

        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public async Task The_published_app_with_a_wrong_setting_stops_with_exit_code_1_and_one_line_without_a_stack_trace()
    {
        var folder = Directory.CreateTempSubdirectory("qualitygates-settings-");
        try
        {
            // The test process may be the test assembly's own executable: start the app with the dotnet host.
            var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            var start = new ProcessStartInfo(dotnet, Path.Combine(AppContext.BaseDirectory, "QualityGates.Web.dll"))
            {
                WorkingDirectory = folder.FullName,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Notifications__PollInterval"] = "every minute";

            using var app = Process.Start(start)!;
            var errors = app.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            var output = app.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await app.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

            Assert.True(app.ExitCode == 1, $"exit code {app.ExitCode}: {await errors}");
            Assert.Equal(
                "Setting Notifications:PollInterval (environment variable Notifications__PollInterval) is \"every minute\"; " +
                "allowed: a duration from 00:00:01 to 1.00:00:00, written [d.]hh:mm:ss, e.g. 00:00:30.",
                (await errors).Trim());
            Assert.Equal("", (await output).Trim());
            Assert.False(Directory.Exists(Path.Combine(folder.FullName, "App_Data")), "the app created its database before checking its settings");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
