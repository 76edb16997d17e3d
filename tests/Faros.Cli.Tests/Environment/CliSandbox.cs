using System.Diagnostics;

namespace Faros.Cli.Tests.Environment;

/// <summary>
/// A private home and kubeconfig for one test, and the ways to run the tool in it: `dotnet kubectl-faros.dll ...`,
/// `kubectl faros ...` (kubectl finding the kubectl-faros apphost on PATH) and plain `kubectl ...` for checking
/// results with the real client. Nothing from the developer's environment (KUBECONFIG, FAROS_REGISTRY, ~/.kube) leaks in.
/// </summary>
public sealed class CliSandbox : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _directory = new("cli");

    /// <param name="kubeconfigSource">Copied as the sandbox's kubeconfig; null for none.</param>
    public CliSandbox(string? kubeconfigSource)
    {
        Home = _directory.Sub("home");
        KubeconfigPath = Path.Combine(_directory.Path, "kubeconfig");
        if (kubeconfigSource is not null)
        {
            File.Copy(kubeconfigSource, KubeconfigPath);
        }
    }

    public string Home { get; }

    /// <summary>The sandbox's KUBECONFIG.</summary>
    public string KubeconfigPath { get; }

    public string Directory => _directory.Path;

    /// <summary>Extra environment for every command, e.g. FAROS_REGISTRY; null removes the variable.</summary>
    public IDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Extra folders put first on PATH.</summary>
    public IList<string> PathPrefix { get; } = [];

    /// <summary>`dotnet kubectl-faros.dll ARGS`.</summary>
    public Task<ProcessResult> FarosAsync(params string[] arguments) =>
        RunAsync(DotnetHost.Path, [FarosTool.Dll, .. arguments]);

    /// <summary>`kubectl faros ARGS` with the build folder on PATH.</summary>
    public Task<ProcessResult> KubectlFarosAsync(params string[] arguments) =>
        RunAsync("kubectl", ["faros", .. arguments], FarosTool.Directory);

    /// <summary>Plain kubectl against the sandbox's kubeconfig.</summary>
    public Task<ProcessResult> KubectlAsync(params string[] arguments) => RunAsync("kubectl", arguments);

    public Task<ProcessResult> RunAsync(string executable, IEnumerable<string> arguments, string? extraPath = null)
    {
        var startInfo = new ProcessStartInfo(executable) { WorkingDirectory = _directory.Path };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        DotnetHost.Sanitize(startInfo);
        startInfo.Environment["HOME"] = Home;
        startInfo.Environment["KUBECONFIG"] = KubeconfigPath;
        startInfo.Environment.Remove("FAROS_REGISTRY");
        startInfo.Environment.Remove("FAROS_DEBUG");
        var path = PathPrefix.Append(extraPath).OfType<string>().Append(System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
        startInfo.Environment["PATH"] = string.Join(Path.PathSeparator, path);
        foreach (var (name, value) in Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return ChildProcess.RunAsync(startInfo, CommandTimeout);
    }

    public void Dispose() => _directory.Dispose();
}
