using QRCoder;

namespace EngagementPortal.Core.Accounts;

/// <summary>The otpauth:// URI authenticator apps read, and its QR code as SVG (no imaging library needed), served as an
/// image so the page keeps its strict CSP (the SVG's own attributes never meet the page's style-src).</summary>
public static class AuthenticatorQr
{
    public static string Uri(string issuer, string account, string sharedKey) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}?secret={sharedKey}&issuer={System.Uri.EscapeDataString(issuer)}&digits=6";

    public static string Svg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(6);
    }

    public static string DataUrl(string uri) => "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Svg(uri)));

    /// <summary>The key in groups of four, easier to type from the screen.</summary>
    public static string FormatKey(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4))))).ToLowerInvariant();
}
