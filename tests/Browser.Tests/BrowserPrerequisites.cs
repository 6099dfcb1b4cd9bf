namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// What the browser test needs from the machine: Debian's Chromium (Playwright's own browser download cannot work
/// here) and a local copy of the Web Chat bundle (the CDN is unreachable offline). Both are installed by .ci/run.
/// </summary>
public static class BrowserPrerequisites
{
    /// <summary>Chromium to drive; <c>SALESBOT_CHROMIUM</c> overrides the Debian path.</summary>
    public static string ChromiumPath { get; } =
        Environment.GetEnvironmentVariable("SALESBOT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Where <c>npm ci --prefix bot/WebChat</c> puts botframework-webchat's bundle.</summary>
    public static string WebChatBundlePath { get; } =
        Path.Combine(RepositoryRoot, "bot", "WebChat", "node_modules", "botframework-webchat", "dist", "webchat.js");

    /// <summary>axe-core, the accessibility engine the tests run inside each page (a devDependency of bot/WebChat).</summary>
    public static string AxePath { get; } =
        Path.Combine(RepositoryRoot, "bot", "WebChat", "node_modules", "axe-core", "axe.min.js");

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public static string? MissingReason { get; } = FindMissing();

    private static string? FindMissing()
    {
        var missing = new List<string>();
        if (!File.Exists(ChromiumPath))
        {
            missing.Add($"Chromium is not installed at {ChromiumPath} (install it with: apt-get install -y chromium)");
        }

        if (!File.Exists(WebChatBundlePath))
        {
            missing.Add($"the Web Chat bundle is missing at {WebChatBundlePath} (install it with: npm ci --prefix bot/WebChat)");
        }

        if (!File.Exists(AxePath))
        {
            missing.Add($"axe-core is missing at {AxePath} (install it with: npm ci --prefix bot/WebChat)");
        }

        return missing.Count == 0 ? null : "Browser test skipped: " + string.Join("; and ", missing) + ". .ci/run installs them.";
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "My8x8.SalesBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with My8x8.SalesBot.sln) was not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that is skipped, saying why and how to fix it, where Chromium or the Web Chat bundle is missing.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserPrerequisites.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
