using System.Security.Cryptography;

namespace EngagementPortal.Web.Infrastructure;

/// <summary>
/// Strict headers on every response. The CSP allows no inline script or style except the public layout's two small
/// scripts, named by their SHA-256 (the same on every page, so public pages can be cached: docs/adr/0035), and any
/// script a back-office page marks with this response's nonce (<see cref="CspNonce(HttpContext)"/>). The nonce is
/// made only when a page asks for one, so a cacheable page's policy names none.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    /// <summary>The SHA-256 of each inline script in Pages/Shared/_Layout.cshtml, as CSP sources.</summary>
    public static readonly IReadOnlyList<string> PublicLayoutScriptHashes =
    [
        "'sha256-tDOvXJi1PXbg0CWjLCCYSNHRXtps26K4JXkE3M6u/c0='", // adds js-enabled to the body's classes
        "'sha256-Bm76Cc4v3VcRbzuKWmhNUBPrjKhdfXitR0XoNbGFzKE='", // starts the NHS design system's components
    ];

    private static readonly string ScriptSources = string.Join(' ', PublicLayoutScriptHashes);

    public static string CspNonce(this HttpContext context)
    {
        if (context.Items[NonceKey] is not string nonce)
        {
            nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
            context.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;

            // An endpoint that set a stricter policy of its own (uploaded documents: sandbox) keeps it.
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                // Read when the response starts: by then the page has rendered and asked for its nonce, if it uses one.
                var nonce = context.Items[NonceKey] is string made ? $" 'nonce-{made}'" : "";
                headers.ContentSecurityPolicy =
                    "default-src 'self'; " +
                    $"script-src 'self' {ScriptSources}{nonce}; " +
                    "style-src 'self'; " +
                    "img-src 'self' data:; " +
                    "font-src 'self'; " +
                    "connect-src 'self'; " +
                    "object-src 'none'; " +
                    "base-uri 'self'; " +
                    "form-action 'self'; " +
                    "frame-ancestors 'none'";
            }

            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next();
    });
}
