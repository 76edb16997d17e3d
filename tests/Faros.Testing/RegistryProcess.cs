using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;

namespace Faros.Testing;

/// <summary>
/// A real Faros.Registry process on 127.0.0.1 with its own data directory and bootstrap admin key.
/// Start it with <see cref="StartAsync"/>, and dispose it to kill the process tree and delete its data.
/// </summary>
public sealed class RegistryProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private const int StartAttempts = 3;

    private readonly Process _process;
    private readonly TempDirectory _dataDirectory;

    private RegistryProcess(Process process, TempDirectory dataDirectory, CapturedOutput output, Uri baseAddress, string bootstrapApiKey, RegistryAdmin admin)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        Output = output;
        BaseAddress = baseAddress;
        BootstrapApiKey = bootstrapApiKey;
        Admin = admin;
    }

    /// <summary>Root of the server, with a trailing slash: http://127.0.0.1:PORT/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The NuGet v3 service index that clients are pointed at.</summary>
    public Uri ServiceIndex => new(BaseAddress, "v3/index.json");

    /// <summary>FAROS_DATA_DIR: where the server keeps its database and package files.</summary>
    public string DataDirectory => _dataDirectory.Path;

    /// <summary>FAROS_BOOTSTRAP_API_KEY: an admin key allowed to push/unlist/relist/delete anything.</summary>
    public string BootstrapApiKey { get; }

    /// <summary>Everything the server printed so far; attach to failures.</summary>
    public CapturedOutput Output { get; }

    /// <summary>Admin commands against this server's data directory.</summary>
    public RegistryAdmin Admin { get; }

    public bool HasExited => _process.HasExited;

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
        for (var attempt = 1; ; attempt++)
        {
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

            var port = FreeTcpPort.Next();
            var baseAddress = new Uri($"http://127.0.0.1:{port}/");
            var output = new CapturedOutput();
            var process = Launch(registryDll, baseAddress, environment, output);
            var registry = new RegistryProcess(process, dataDirectory, output, baseAddress, apiKey, new RegistryAdmin(registryDll, environment));
            try
            {
                await registry.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
                return registry;
            }
            catch (Exception) when (attempt < StartAttempts && registry.HasExited && LostPortRace(output))
            {
                // Another process grabbed the port between FreeTcpPort.Next() and bind; try a new one.
                await registry.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await registry.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        ChildProcess.KillTree(_process);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Leave it; the temp dir removal below is best-effort anyway.
        }

        _process.Dispose();
        _dataDirectory.Dispose();
    }

    private static Process Launch(string registryDll, Uri baseAddress, Dictionary<string, string> environment, CapturedOutput output)
    {
        var startInfo = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(registryDll)!,
        };
        startInfo.ArgumentList.Add(registryDll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseAddress.GetLeftPart(UriPartial.Authority));
        DotnetHost.Sanitize(startInfo);
        // A developer's shell may carry ASPNETCORE_URLS etc.; --urls must win and nothing else should leak in.
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        startInfo.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        startInfo.Environment.Remove("ASPNETCORE_HTTPS_PORTS");
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => output.AppendStandardOutput(e.Data);
        process.ErrorDataReceived += (_, e) => output.AppendStandardError(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        string lastProblem = "no response yet";
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
            {
                // Let the output readers drain before reporting.
                await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException(
                    $"The registry exited with code {_process.ExitCode} before becoming ready.{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await client.GetAsync("readyz", cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastProblem = $"GET /readyz answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                lastProblem = e.Message;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                lastProblem = e.Message;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException(
            $"The registry did not answer 200 on /readyz within {ReadyTimeout.TotalSeconds:0} s ({lastProblem}).{Environment.NewLine}{Output}");
    }

    private static bool LostPortRace(CapturedOutput output) =>
        output.ToString().Contains("address already in use", StringComparison.OrdinalIgnoreCase);
}
