using System.Net.Mail;
using System.Text.RegularExpressions;

namespace EngagementPortal.Core.Email;

/// <summary>The one test of an email address, used by every form that takes one and by the outbox before it queues
/// a message: deliberately loose like GOV.UK's advice (something@something.something, no spaces, at most 254
/// characters), and also a bare address System.Net.Mail accepts, so no transport chokes on a queued row.</summary>
public static partial class EmailAddresses
{
    public const int MaxLength = 254;

    public static bool IsValid(string? address) =>
        address is { Length: > 0 and <= MaxLength }
        && Shape().IsMatch(address)
        && MailAddress.TryCreate(address, out var parsed)
        && parsed.DisplayName.Length == 0
        && string.Equals(parsed.Address, address, StringComparison.Ordinal);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
