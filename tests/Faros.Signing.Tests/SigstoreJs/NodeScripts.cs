using System.Diagnostics;

namespace Faros.Signing.Tests.SigstoreJs;

/// <summary>
/// Runs the node scripts next to this file against sigstore-js as installed by eng/provision/sigstore-js.sh.
/// Missing node or packages: ignored on a developer machine, a failure under CI=true.
/// </summary>
internal static class NodeScripts
{
    private static string Modules => Path.Combine(FarosCache.Path, "sigstore-js", "node_modules");

    public static void RequireInstalled()
    {
        var missing = new[] { "sigstore", "@sigstore/sign", "@sigstore/verify", "@sigstore/mock", "@sigstore/bundle", "@sigstore/protobuf-specs" }
            .Where(package => !File.Exists(Path.Combine(Modules, package, "package.json")))
            .ToList();
        if (missing.Count == 0 && FindNode() is not null)
        {
            return;
        }

        var error = new MissingServiceException(
            $"sigstore-js ({(missing.Count > 0 ? string.Join(", ", missing) : "node")})",
            "Run eng/provision/sigstore-js.sh (needs Debian packages nodejs and npm).");
        if (MissingServiceException.RunningInCi)
        {
            throw error;
        }

        Assert.Ignore(error.Message);
    }

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/>; returns its result (the caller asserts the exit code).</summary>
    public static async Task<ProcessResult> RunAsync(string script, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(FindNode()!);
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SigstoreJs", script));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["NODE_PATH"] = Modules;
        return await ChildProcess.RunAsync(startInfo, TimeSpan.FromSeconds(60));
    }

    private static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, "node"))
        .FirstOrDefault(File.Exists);
}
