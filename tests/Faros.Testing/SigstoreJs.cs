using System.Diagnostics;

namespace Faros.Testing;

/// <summary>
/// Runs node scripts against sigstore-js as installed by eng/provision/sigstore-js.sh (the scripts live in
/// tests/Faros.Signing.Tests/SigstoreJs). Callers ignore tests when <see cref="Missing"/> names something, or fail under CI=true.
/// </summary>
public static class SigstoreJs
{
    private static string Modules => System.IO.Path.Combine(FarosCache.Path, "sigstore-js", "node_modules");

    /// <summary>The source folder of the scripts, for test projects that do not copy them.</summary>
    public static string ScriptDirectory => System.IO.Path.Combine(RepositoryRoot.Find(), "tests", "Faros.Signing.Tests", "SigstoreJs");

    /// <summary>What is missing to run the scripts (node or a package), or null when everything is installed.</summary>
    public static MissingServiceException? Missing()
    {
        var missing = new[] { "sigstore", "@sigstore/sign", "@sigstore/verify", "@sigstore/mock", "@sigstore/bundle", "@sigstore/protobuf-specs" }
            .Where(package => !File.Exists(System.IO.Path.Combine(Modules, package, "package.json")))
            .ToList();
        return missing.Count == 0 && FindNode() is not null
            ? null
            : new MissingServiceException(
                $"sigstore-js ({(missing.Count > 0 ? string.Join(", ", missing) : "node")})",
                "Run eng/provision/sigstore-js.sh (needs Debian packages nodejs and npm).");
    }

    /// <summary>Runs the script at <paramref name="scriptPath"/> with <paramref name="arguments"/>; returns its result (the caller asserts the exit code).</summary>
    public static async Task<ProcessResult> RunAsync(string scriptPath, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(FindNode()!);
        startInfo.ArgumentList.Add(scriptPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["NODE_PATH"] = Modules;
        return await ChildProcess.RunAsync(startInfo, TimeSpan.FromSeconds(60));
    }

    private static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => System.IO.Path.Combine(directory, "node"))
        .FirstOrDefault(File.Exists);
}
