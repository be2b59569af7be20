using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace QualityGates.Web.Notifications;

/// <summary>Hands one e-mail on; throws when it could not (the dispatcher retries).</summary>
public interface IEmailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>
/// SMTP through MailKit when <c>Notifications:Smtp:Host</c> is set; otherwise each e-mail is written as an
/// .eml file into the pickup folder, so a fresh installation needs no mail server to try it.
/// </summary>
public sealed class MailKitEmailSender(IOptions<NotificationOptions> options, IHostEnvironment environment, TimeProvider time) : IEmailSender
{
    public string PickupFolder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PickupFolder));

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            await WriteToPickupFolderAsync(message, ct);
            return;
        }

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    // Written under a temporary name and then renamed, so a pickup service never reads half a file.
    private async Task WriteToPickupFolderAsync(MimeMessage message, CancellationToken ct)
    {
        var folder = PickupFolder;
        Directory.CreateDirectory(folder);
        var name = $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(folder, name + ".tmp");
        await using (var stream = File.Create(temporary))
        {
            await message.WriteToAsync(stream, ct);
        }

        File.Move(temporary, Path.Combine(folder, name + ".eml"));
    }
}
