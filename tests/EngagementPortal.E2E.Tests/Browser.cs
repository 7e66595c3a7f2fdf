using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EngagementPortal.E2E.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (browsers cannot be downloaded here), shared by a test class,
/// plus the accessibility check every page must pass: axe-core with the WCAG 2.0–2.2 A and AA rules.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/test.sh, which installs Debian's chromium.");
        }

        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> NewPageAsync(Uri baseAddress, int width = 1280, bool javaScript = true)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            JavaScriptEnabled = javaScript,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>Waiting for the page a click leads to.</summary>
public static class Navigation
{
    /// <summary>
    /// The page at <paramref name="url"/> (a glob), fully loaded. Playwright's <c>WaitForURLAsync</c> waits for its own
    /// record of the load event, even with <c>WaitUntil = Commit</c> once the address already matches, and a quick
    /// POST-redirect-GET sometimes never gets that record: three times in CI the page was already at the address and the
    /// wait timed out with only "NetworkIdle" seen. The address is polled instead, and the document's own readyState asked.
    /// </summary>
    public static async Task WaitForPageAsync(this IPage page, string url)
    {
        await Assertions.Expect(page).ToHaveURLAsync(Glob(url), new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
    }

    /// <summary>A Playwright URL glob as a regular expression: <c>**</c> any characters, <c>*</c> any but '/'.</summary>
    private static Regex Glob(string glob) =>
        new("^" + Regex.Escape(glob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");
}

public static class Accessibility
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    /// <summary>Fails with every violation's rule, impact and the offending elements.</summary>
    public static async Task AssertNoViolationsAsync(this IPage page)
    {
        var results = await page.RunAxe(WcagAa);
        var violations = results.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help}\n    " + string.Join("\n    ", v.Nodes.Select(n => string.Join(" ", n.Target?.ToString() ?? "") + " " + n.Html)));
        Assert.True(results.Violations.Length == 0, $"axe found WCAG 2.2 AA violations on {page.Url}:\n" + string.Join("\n", violations));
    }
}
