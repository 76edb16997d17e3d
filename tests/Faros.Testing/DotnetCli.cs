using System.Diagnostics;

namespace Faros.Testing;

/// <summary>
/// Runs the real `dotnet` CLI the way a user would, but hermetically: its global packages folder,
/// HTTP cache, plugin cache and home (user-level NuGet.Config) live in a private temp directory.
/// That keeps tests from reading a machine's feeds/credentials and, crucially, from seeing responses
/// cached by an earlier test (NuGet caches feed responses for 30 minutes).
/// </summary>
public sealed class DotnetCli : IDisposable
{
    private readonly TempDirectory _root;

    public DotnetCli(string purpose = "cli")
    {
        _root = new TempDirectory(purpose);
        WorkingDirectory = _root.Sub("work");
        PackagesFolder = _root.Sub("packages");
        HttpCacheFolder = _root.Sub("http-cache");
        HomeFolder = _root.Sub("home");
        PluginsCacheFolder = _root.Sub("plugins-cache");
    }

    /// <summary>Default directory commands run in; put the project and nuget.config here.</summary>
    public string WorkingDirectory { get; }

    /// <summary>NUGET_PACKAGES: where restore extracts packages.</summary>
    public string PackagesFolder { get; }

    public string HttpCacheFolder { get; }

    public string HomeFolder { get; }

    public string PluginsCacheFolder { get; }

    /// <summary>Upper bound for one command; restore of a small project takes seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The muxer to run; another one, e.g. a <see cref="TrustingDotnetSdk"/>, trusts extra code-signing roots.</summary>
    public string DotnetPath { get; set; } = DotnetHost.Path;

    /// <summary>Extra environment for every command, e.g. SSL_CERT_FILE to trust a test certificate authority.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Creates a directory under <see cref="WorkingDirectory"/> (which nuget.config placed there still governs).</summary>
    public string CreateWorkDirectory(string name)
    {
        var path = Path.Combine(WorkingDirectory, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        RunInAsync(WorkingDirectory, arguments);

    public Task<ProcessResult> RunInAsync(string workingDirectory, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(DotnetPath) { WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        DotnetHost.Sanitize(startInfo);
        startInfo.Environment["NUGET_PACKAGES"] = PackagesFolder;
        startInfo.Environment["NUGET_HTTP_CACHE_PATH"] = HttpCacheFolder;
        startInfo.Environment["NUGET_PLUGINS_CACHE_PATH"] = PluginsCacheFolder;
        startInfo.Environment["DOTNET_CLI_HOME"] = HomeFolder;
        startInfo.Environment["HOME"] = HomeFolder;
        startInfo.Environment.Remove("NUGET_API_KEY");
        foreach (var (name, value) in Environment)
        {
            startInfo.Environment[name] = value;
        }

        return ChildProcess.RunAsync(startInfo, Timeout, cancellationToken);
    }

    public void Dispose() => _root.Dispose();
}
