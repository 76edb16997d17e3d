using System.Diagnostics;
using System.Globalization;

namespace Faros.Testing;

/// <summary>
/// The registry's admin commands (`apikeys create`, `prefixes reserve`): the same dll run as a one-shot
/// command against the same data directory. They may run while the server is up (shared SQLite in WAL mode).
/// </summary>
public sealed class RegistryAdmin
{
    private readonly string _registryDll;
    private readonly IReadOnlyDictionary<string, string> _environment;

    public RegistryAdmin(string registryDll, IReadOnlyDictionary<string, string> environment)
    {
        _registryDll = registryDll;
        _environment = environment;
    }

    public static TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(1);

    public Task<ProcessResult> RunAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(DotnetHost.Path);
        startInfo.ArgumentList.Add(_registryDll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        DotnetHost.Sanitize(startInfo);
        foreach (var (name, value) in _environment)
        {
            startInfo.Environment[name] = value;
        }

        return ChildProcess.RunAsync(startInfo, Timeout);
    }

    /// <summary>Creates an API key and returns it (the command prints it alone on its last stdout line).</summary>
    public async Task<string> CreateApiKeyAsync(
        string owner,
        IEnumerable<string> scopes,
        IEnumerable<string> actions,
        DateTimeOffset? expires = null)
    {
        var arguments = new List<string>
        {
            "apikeys", "create",
            "--owner", owner,
            "--scopes", string.Join(',', scopes),
            "--actions", string.Join(',', actions),
        };
        if (expires is { } expiry)
        {
            arguments.Add("--expires");
            arguments.Add(expiry.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        }

        var result = await RunAsync([.. arguments]).ConfigureAwait(false);
        var key = result.LastOutputLine;
        if (!result.Succeeded || key.Length == 0 || key.Contains(' ', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"`apikeys create` did not print a key on its last line.{Environment.NewLine}{result}");
        }

        return key;
    }

    public async Task ReservePrefixAsync(string prefix, string owner)
    {
        var result = await RunAsync("prefixes", "reserve", "--prefix", prefix, "--owner", owner).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"`prefixes reserve` failed.{Environment.NewLine}{result}");
        }
    }
}
