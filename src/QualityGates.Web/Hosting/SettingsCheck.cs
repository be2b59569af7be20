using System.Globalization;
using System.Net;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using MimeKit;
using Npgsql;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.SingleSignOn;
using QualityGates.Web.Telemetry;
using Serilog.Events;

namespace QualityGates.Web.Hosting;

/// <summary>
/// Reads every setting the app uses before anything else does, so that a wrong value stops the start with one line
/// per problem — the setting, its environment variable, what is allowed — instead of a stack trace from deep inside
/// the start. Values are parsed as the configuration binder parses them (invariant culture); secrets are never echoed.
/// </summary>
public sealed class SettingsCheck
{
    private readonly IConfiguration _configuration;
    private readonly List<string> _problems = [];

    private SettingsCheck(IConfiguration configuration) => _configuration = configuration;

    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var check = new SettingsCheck(configuration);
        check.Database();
        check.Accounts();
        check.SingleSignOn();
        check.Hosting();
        check.Logging();
        check.Display();
        check.Notifications();
        check.Webhooks();
        check.Telemetry();
        return check._problems;
    }

    private void Database()
    {
        var provider = OneOf<DatabaseProvider>("Database:Provider") ?? DatabaseProvider.Sqlite;
        ConnectionString(provider);
        Flag("Database:MigrateOnStartup");
        Number("Database:MaxRetryCount", 0, 10);
        Duration("Database:MaxRetryDelay", TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    private void Accounts()
    {
        Flag("Demo:Seed");
        Flag("Demo:History");
        Check("Bootstrap:AdminEmail", "an e-mail address", value => MailboxAddress.TryParse(value, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal));
        Check("Bootstrap:AdminPassword", "at least 12 characters", value => value.Length >= 12, secret: true);
    }

    private void SingleSignOn()
    {
        const string section = SingleSignOnOptions.Section;
        var localAccounts = OneOf<LocalAccounts>($"{section}:LocalAccounts");
        Flag($"{section}:RequireHttpsMetadata");
        Flag($"{section}:LinkExistingAccountsByEmail");
        var sso = _configuration.GetSection(section);
        if (string.IsNullOrWhiteSpace(sso["Authority"]))
        {
            if (sso.GetChildren().Any(c => c.Key != "LocalAccounts" || localAccounts is not (null or LocalAccounts.Enabled)))
            {
                Problem($"{section}:Authority", null, "the provider's address such as https://login.microsoftonline.com/<tenant id>/v2.0 (required once any single sign-on setting is given)");
            }

            return;
        }

        var requireHttps = !bool.TryParse(sso["RequireHttpsMetadata"], out var flag) || flag;
        Check($"{section}:Authority", requireHttps ? "an https address (RequireHttpsMetadata is true)" : "an http or https address", value =>
            Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (!requireHttps && uri.Scheme == Uri.UriSchemeHttp)));
        if (string.IsNullOrWhiteSpace(sso["ClientId"]))
        {
            Problem($"{section}:ClientId", null, "the client (application) id registered at the provider");
        }

        Check($"{section}:Scopes", "space-separated scopes including openid, e.g. openid profile email", value =>
            value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal));
        var mappings = sso.GetSection("Mappings").GetChildren().ToList();
        foreach (var mapping in mappings)
        {
            if (string.IsNullOrWhiteSpace(mapping["Value"]))
            {
                Problem($"{mapping.Path}:Value", mapping["Value"], "the claim value to map, such as a group id");
            }

            if (mapping["Role"] is null && mapping["Department"] is null)
            {
                Problem($"{mapping.Path}:Role", null, "a role or a department (or both) for each mapping");
            }

            Check($"{mapping.Path}:Role", "one of " + string.Join(", ", Roles.All), value => Roles.All.Contains(value, StringComparer.Ordinal));
        }

        if (!mappings.Any(m => m["Role"] is not null))
        {
            Problem($"{section}:Mappings", null, "at least one mapping with a Role; without one nobody can sign in through the provider");
        }
    }

    private void Hosting()
    {
        Each("ForwardedHeaders:KnownProxies", "IP addresses such as 10.0.0.5", value => IPAddress.TryParse(value, out _));
        Each("ForwardedHeaders:KnownNetworks", "networks in CIDR notation such as 10.0.0.0/8", value => System.Net.IPNetwork.TryParse(value, out _));
        Number("HTTPS_PORT", 1, 65535);
        Number("RateLimiting:Login:PermitLimitPerAddress", 1, int.MaxValue);
        Number("RateLimiting:Login:PermitLimitPerUserName", 1, int.MaxValue);
        Duration("RateLimiting:Login:Window", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
    }

    private void Logging()
    {
        Check("LogFile:Path", "a file path, e.g. logs/qualitygates-.log", value => !string.IsNullOrWhiteSpace(value));
        Number("LogFile:RetainedFileCountLimit", 1, 3650);
        OneOf<LogEventLevel>("Serilog:MinimumLevel:Default");
        foreach (var source in _configuration.GetSection("Serilog:MinimumLevel:Override").GetChildren())
        {
            OneOf<LogEventLevel>(source.Path);
        }
    }

    private void Display() => Check(
        $"{DisplayOptions.Section}:{nameof(DisplayOptions.DefaultTimeZone)}",
        "an IANA time zone such as Europe/Berlin, Europe/London or America/New_York",
        value => TimeZones.Find(value) is not null);

    private void Notifications()
    {
        Flag("Notifications:BackgroundEnabled");
        Duration("Notifications:PollInterval", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Number("Notifications:BatchSize", 1, 10_000);
        Number("Notifications:MaxAttempts", 1, 100);
        Duration("Notifications:RetryDelay", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Duration("Notifications:Lease", TimeSpan.FromSeconds(10), TimeSpan.FromDays(1));
        Duration("Notifications:RetainSentFor", TimeSpan.FromDays(1), TimeSpan.FromDays(3650));
        Number("Notifications:RemindersAtHourUtc", 0, 23);
        Check("Notifications:BaseUrl", "empty, or the app's public address such as https://qualitygates.example.com", IsEmptyOrWebAddress);
        Check("Notifications:PickupFolder", "a folder path", value => !string.IsNullOrWhiteSpace(value));
        Check("Notifications:Smtp:Host", "empty (e-mails go to the pickup folder), or a host name such as smtp.example.com", value =>
            value.Length == 0 || Uri.CheckHostName(value) != UriHostNameType.Unknown);
        Number("Notifications:Smtp:Port", 1, 65535);
        Flag("Notifications:Smtp:UseStartTls");
        Check("Notifications:Smtp:From", "a sender such as QualityGates <qualitygates@example.com>", value =>
            MailboxAddress.TryParse(value, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal));
    }

    private void Webhooks()
    {
        Flag("Webhooks:AllowLoopback");
        Duration("Webhooks:Timeout", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Duration("Webhooks:ResolveTimeout", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        // Loopback receivers are for tests and a developer's machine: in Production they would let webhooks reach the host itself.
        var environment = _configuration[HostDefaults.EnvironmentKey] ?? Environments.Production;
        if (bool.TryParse(_configuration["Webhooks:AllowLoopback"], out var allowLoopback) && allowLoopback
            && string.Equals(environment, Environments.Production, StringComparison.OrdinalIgnoreCase))
        {
            Problem("Webhooks:AllowLoopback", bool.TrueString, "false in Production (loopback receivers are for tests and development only)");
        }
    }

    private void Telemetry() => Check(
        TelemetryServiceCollectionExtensions.OtlpEndpointSetting,
        "empty (no telemetry), or the collector's OTLP address such as http://otel-collector:4317",
        IsEmptyOrWebAddress);

    private static bool IsEmptyOrWebAddress(string value) => value.Length == 0
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));

    private void ConnectionString(DatabaseProvider provider)
    {
        const string key = "ConnectionStrings:" + DatabaseServiceCollectionExtensions.ConnectionStringName;
        var value = _configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            if (provider != DatabaseProvider.Sqlite)
            {
                Problem(key, null, $"a {provider} connection string (required when Database:Provider is {provider})");
            }

            return;
        }

        try
        {
            // Each provider's own parser: it knows its keywords. Its message names a keyword, never a value.
            _ = provider switch
            {
                DatabaseProvider.Sqlite => new SqliteConnectionStringBuilder(value).ConnectionString,
                DatabaseProvider.PostgreSql => new NpgsqlConnectionStringBuilder(value).ConnectionString,
                _ => new SqlConnectionStringBuilder(value).ConnectionString,
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            Problem(key, value, $"a {provider} connection string ({e.Message.ReplaceLineEndings(" ")})", secret: true);
        }
    }

    private TEnum? OneOf<TEnum>(string key)
        where TEnum : struct, Enum
    {
        var value = _configuration[key];
        if (value is null)
        {
            return null;
        }

        // Names only: Enum.TryParse also takes numbers, which name no member.
        if (Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.GetNames<TEnum>().Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            return parsed;
        }

        Problem(key, value, "one of " + string.Join(", ", Enum.GetNames<TEnum>()));
        return null;
    }

    private void Flag(string key) => Check(key, "true or false", value => bool.TryParse(value, out _));

    private void Number(string key, int min, int max) => Check(
        key,
        max == int.MaxValue ? $"a whole number of at least {min}" : $"a whole number from {min} to {max}",
        value => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max);

    private void Duration(string key, TimeSpan min, TimeSpan max) => Check(
        key,
        $"a duration from {min:c} to {max:c}, written [d.]hh:mm:ss, e.g. 00:00:30",
        value => TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var duration) && duration >= min && duration <= max);

    private void Each(string key, string allowed, Func<string, bool> isValid)
    {
        foreach (var item in _configuration.GetSection(key).GetChildren())
        {
            Check(item.Path, allowed, isValid);
        }
    }

    private void Check(string key, string allowed, Func<string, bool> isValid, bool secret = false)
    {
        var value = _configuration[key];
        if (value is not null && !isValid(value.Trim()))
        {
            Problem(key, value, allowed, secret);
        }
    }

    private void Problem(string key, string? value, string allowed, bool secret = false)
    {
        var shown = value is null ? "is missing" : secret ? "is not valid" : $"is \"{value.ReplaceLineEndings(" ")}\"";
        _problems.Add($"Setting {key} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)}) {shown}; allowed: {allowed}.");
    }
}
