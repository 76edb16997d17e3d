using System.Diagnostics;
using System.Net;

namespace Faros.Marketplace.Tests.Fixtures;

/// <summary>
/// A real Faros.Marketplace process on 127.0.0.1, reading the given registry, started the way operators start
/// it: <c>dotnet Faros.Marketplace.dll --urls ...</c> with <c>Marketplace__RegistryUrl</c> in the environment.
/// </summary>
public sealed class MarketplaceProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private const int StartAttempts = 3;

    private readonly Process _process;

    private MarketplaceProcess(Process process, CapturedOutput output, Uri baseAddress)
    {
        _process = process;
        Output = output;
        BaseAddress = baseAddress;
    }

    /// <summary>http://127.0.0.1:PORT/ with a trailing slash.</summary>
    public Uri BaseAddress { get; }

    public CapturedOutput Output { get; }

    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery.TrimStart('/')).AbsoluteUri;

    public static async Task<MarketplaceProcess> StartAsync(Uri registry, IReadOnlyDictionary<string, string>? settings = null,
        CancellationToken cancellationToken = default)
    {
        var dll = MarketplaceBinary.Locate();
        for (var attempt = 1; ; attempt++)
        {
            var baseAddress = new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}/");
            var output = new CapturedOutput();
            var environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Marketplace__RegistryUrl"] = registry.AbsoluteUri,
            };
            foreach (var (name, value) in settings ?? new Dictionary<string, string>())
            {
                environment[name] = value;
            }

            var marketplace = new MarketplaceProcess(Launch(dll, baseAddress, environment, output), output, baseAddress);
            try
            {
                await marketplace.WaitUntilReadyAsync(cancellationToken);
                return marketplace;
            }
            catch (Exception) when (attempt < StartAttempts && marketplace._process.HasExited &&
                                    output.ToString().Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // Lost the race for the free port; try another.
                await marketplace.DisposeAsync();
            }
            catch
            {
                await marketplace.DisposeAsync();
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
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Killed; nothing else to wait for.
        }

        _process.Dispose();
    }

    private static Process Launch(string dll, Uri baseAddress, Dictionary<string, string> environment, CapturedOutput output)
    {
        var startInfo = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Deliberately not the dll's folder: the site must find its wwwroot wherever it is started from.
            WorkingDirectory = Path.GetTempPath(),
        };
        startInfo.ArgumentList.Add(dll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseAddress.GetLeftPart(UriPartial.Authority));
        DotnetHost.Sanitize(startInfo);
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        startInfo.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        startInfo.Environment.Remove("ASPNETCORE_ENVIRONMENT");
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
        var lastProblem = "no response yet";
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException(
                    $"The marketplace exited with code {_process.ExitCode} before becoming ready.{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await client.GetAsync("healthz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastProblem = $"GET /healthz answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                lastProblem = e.Message;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                lastProblem = e.Message;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException(
            $"The marketplace did not answer 200 on /healthz within {ReadyTimeout.TotalSeconds:0} s ({lastProblem}).{Environment.NewLine}{Output}");
    }
}
