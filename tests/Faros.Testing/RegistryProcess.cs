using System.Net;
using System.Security.Cryptography;

namespace Faros.Testing;

/// <summary>
/// A real Faros.Registry process on 127.0.0.1 with its own data directory and bootstrap admin key.
/// Start it with <see cref="StartAsync"/>, and dispose it to kill the process tree and delete its data.
/// </summary>
public sealed class RegistryProcess : IAsyncDisposable
{
    private readonly AspNetCoreProcess _server;
    private readonly TempDirectory _dataDirectory;

    private RegistryProcess(AspNetCoreProcess server, TempDirectory dataDirectory, string bootstrapApiKey, RegistryAdmin admin)
    {
        _server = server;
        _dataDirectory = dataDirectory;
        BootstrapApiKey = bootstrapApiKey;
        Admin = admin;
    }

    /// <summary>The registry setting naming its trust policy file (Signing:TrustPolicyPath).</summary>
    public const string TrustPolicySetting = "Signing__TrustPolicyPath";

    /// <summary>Root of the server, with a trailing slash: http://127.0.0.1:PORT/.</summary>
    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>The NuGet v3 service index that clients are pointed at.</summary>
    public Uri ServiceIndex => new(BaseAddress, "v3/index.json");

    /// <summary>FAROS_DATA_DIR: where the server keeps its database and package files.</summary>
    public string DataDirectory => _dataDirectory.Path;

    /// <summary>FAROS_BOOTSTRAP_API_KEY: an admin key allowed to push/unlist/relist/delete anything.</summary>
    public string BootstrapApiKey { get; }

    /// <summary>Everything the server printed so far; attach to failures.</summary>
    public CapturedOutput Output => _server.Output;

    /// <summary>Admin commands against this server's data directory.</summary>
    public RegistryAdmin Admin { get; }

    public bool HasExited => _server.HasExited;

    /// <summary>An HttpClient rooted at the server. No automatic decompression, so tests see the raw encoding.</summary>
    public HttpClient CreateClient() =>
        new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(100),
        };

    /// <param name="configuration">
    /// Extra settings as ASP.NET Core environment variables, e.g. ("Registry__AllowHardDelete", "true").
    /// </param>
    public static async Task<RegistryProcess> StartAsync(
        IReadOnlyDictionary<string, string>? configuration = null,
        CancellationToken cancellationToken = default)
    {
        var registryDll = RegistryBinary.Locate();
        return await AspNetCoreProcess.StartAsync(
            baseAddress =>
            {
                // Each attempt gets its own data directory and key, so a retry never sees a failed attempt's state.
                var dataDirectory = new TempDirectory("registry-data");
                var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
                var environment = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["FAROS_DATA_DIR"] = dataDirectory.Path,
                    ["FAROS_BOOTSTRAP_API_KEY"] = apiKey,
                };
                foreach (var (name, value) in configuration ?? new Dictionary<string, string>())
                {
                    environment[name] = value;
                }

                // The registry refuses unsigned plugins by default; test registries trust the test publisher key instead
                // (see TestTrustPolicy.WarnTrustingTestKey), unless the test sets a policy (an empty value: the built-in default).
                if (!environment.ContainsKey(TrustPolicySetting))
                {
                    environment[TrustPolicySetting] = TestTrustPolicy.Write(dataDirectory.Path, TestTrustPolicy.WarnTrustingTestKey);
                }

                var server = AspNetCoreProcess.Launch(
                    name: "registry",
                    registryDll,
                    baseAddress,
                    workingDirectory: Path.GetDirectoryName(registryDll)!,
                    readinessPath: "readyz",
                    environment,
                    alsoRemove: ["ASPNETCORE_HTTPS_PORTS"]);
                return new RegistryProcess(server, dataDirectory, apiKey, new RegistryAdmin(registryDll, environment));
            },
            registry => registry._server,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Kills the process tree and deletes the data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        _dataDirectory.Dispose();
    }
}
