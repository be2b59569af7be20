using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QualityGates.Tests;

namespace QualityGates.Browser.Tests.Infrastructure;

/// <summary>
/// The real app on a real port (Kestrel, in-process) for a browser, with demo data in a SQLite file of its own.
/// </summary>
/// <remarks>
/// HTTPS rather than environment Development: the host runs as "Testing", like the HTTP tests, so the
/// browser gets the production cookie rules (auth cookie Secure-only, HSTS, HTTPS redirection). Development
/// would relax exactly those rules and also load user secrets and the developer exception page. The price
/// is a throwaway self-signed certificate made in code, which the browser context is told to accept.
/// </remarks>
public sealed class BrowserAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qualitygates-browser-").FullName;
    private readonly X509Certificate2 _certificate = CreateSelfSignedCertificate();

    /// <summary>The app's clock, standing at <see cref="TestClock.Start"/>: demo data and dates in forms follow it.</summary>
    public FakeTimeProvider Clock { get; } = TestClock.Create();

    /// <param name="port">0: Kestrel picks a free port, so test runs never collide.</param>
    public BrowserAppFactory(int port = 0) =>
        UseKestrel(options => options.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(_certificate)));

    /// <summary>Settings on top of the test defaults; filled before <see cref="Start"/>.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Starts the server (once) and returns its address, e.g. https://127.0.0.1:41234/.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)) + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the static web assets of the web project are not mapped by default.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:QualityGates", $"Data Source={Path.Combine(_folder, "test.db")}");
        builder.UseSetting("Demo:Seed", "true");
        // The background delivery runs as in production; its e-mails stay in the test folder.
        builder.UseSetting("Notifications:PickupFolder", Path.Combine(_folder, "mail-pickup"));
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(_folder, "logs", "test-.log"));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    private static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        // Valid for any day a test clock may stand on; the browser context accepts it as self-signed anyway.
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2099, 12, 31, 0, 0, 0, TimeSpan.Zero));
        // Round trip through PKCS#12 so the private key is usable by TLS on every OS (not only ephemeral).
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _certificate.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
