namespace Faros.Marketplace.Tests.Fixtures;

/// <summary>
/// Debian's Chromium, which Playwright drives instead of a browser it downloads (nothing may be downloaded here).
/// Missing it is an environment problem: skipped on a developer machine, a failure in CI where it must exist.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Flags for a quiet, deterministic headless run in a container: no sandbox, GPU or background traffic.</summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static void RequireInstalled()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        throw RequiredService.Missing($"{ExecutablePath} is missing; install it with `bash eng/provision/chromium.sh` to run the browser tests.");
    }
}
