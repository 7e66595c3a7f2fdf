namespace EngagementPortal.Web.Infrastructure;

/// <summary>
/// The cookie that finds a responding journey: a random token (only its hash is stored), HttpOnly, SameSite=Lax so
/// the link from an email or the consultation page still carries it, Secure over HTTPS, scoped to one
/// consultation's respond pages and kept until the consultation closes.
/// </summary>
public static class JourneyCookie
{
    public const string Name = "portal-journey";

    public static string Path(string slug) => $"/consultations/{slug}/respond";

    public static string? Read(HttpRequest request) => request.Cookies[Name];

    /// <summary>Max-Age rather than Expires: the lifetime is reckoned from the portal's clock, not the browser's.</summary>
    public static void Write(HttpResponse response, string slug, string token, DateTime expiresUtc, DateTime nowUtc) =>
        response.Cookies.Append(Name, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            Path = Path(slug),
            MaxAge = expiresUtc > nowUtc ? expiresUtc - nowUtc : TimeSpan.Zero,
            IsEssential = true,
        });

    public static void Delete(HttpResponse response, string slug) =>
        response.Cookies.Delete(Name, new CookieOptions { Path = Path(slug), Secure = response.HttpContext.Request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.Lax });
}
