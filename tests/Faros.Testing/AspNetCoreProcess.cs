using System.Diagnostics;
using System.Net;

namespace Faros.Testing;

/// <summary>
/// An ASP.NET Core app run by a test as a real child process, started the way operators start it:
/// <c>dotnet App.dll --urls http://127.0.0.1:PORT</c>. Its output is captured, it counts as ready once an HTTP
/// path answers 200, and disposing it kills the process tree.
/// </summary>
public sealed class AspNetCoreProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private const int StartAttempts = 3;

    private readonly Process _process;
    private readonly string _name;
    private readonly string _readinessPath;

    private AspNetCoreProcess(Process process, string name, string readinessPath, CapturedOutput output, Uri baseAddress)
    {
        _process = process;
        _name = name;
        _readinessPath = readinessPath;
        Output = output;
        BaseAddress = baseAddress;
    }

    /// <summary>http://127.0.0.1:PORT/ with a trailing slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Everything the app printed so far; attach to failures.</summary>
    public CapturedOutput Output { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts an app on a free loopback port and waits until it is ready. <paramref name="launch"/> makes one attempt
    /// for a base address: it launches the app (<see cref="Launch"/>) and wraps it, with anything it owns, in
    /// <typeparamref name="TServer"/>; <paramref name="processOf"/> gets the launched app back out. When another
    /// process took the port first, the attempt is disposed and a new one made on another port; any other failure
    /// disposes the attempt and is thrown.
    /// </summary>
    public static async Task<TServer> StartAsync<TServer>(
        Func<Uri, TServer> launch,
        Func<TServer, AspNetCoreProcess> processOf,
        CancellationToken cancellationToken = default)
        where TServer : IAsyncDisposable
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = launch(new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}/"));
            var process = processOf(server);
            try
            {
                await process.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (Exception) when (attempt < StartAttempts && process.HasExited && process.LostPortRace())
            {
                // Another process grabbed the port between FreeTcpPort.Next() and bind; try a new one.
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Launches <c>dotnet <paramref name="dll"/> --urls</c> without waiting for it; see <see cref="StartAsync"/>.</summary>
    /// <param name="name">What failure messages call the app, e.g. "registry".</param>
    /// <param name="readinessPath">A path relative to the base address that answers 200 once the app serves, e.g. "readyz".</param>
    /// <param name="environment">Settings for the app, set last so they win over anything inherited.</param>
    /// <param name="alsoRemove">Inherited variables, besides those that would compete with --urls, the app must not see.</param>
    public static AspNetCoreProcess Launch(
        string name,
        string dll,
        Uri baseAddress,
        string workingDirectory,
        string readinessPath,
        IReadOnlyDictionary<string, string> environment,
        IEnumerable<string> alsoRemove)
    {
        var startInfo = new ProcessStartInfo(DotnetHost.Path) { WorkingDirectory = workingDirectory };
        startInfo.ArgumentList.Add(dll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseAddress.GetLeftPart(UriPartial.Authority));
        DotnetHost.Sanitize(startInfo);
        // A developer's shell may carry ASPNETCORE_URLS etc.; --urls must win and nothing else should leak in.
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        startInfo.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        foreach (var variable in alsoRemove)
        {
            startInfo.Environment.Remove(variable);
        }

        foreach (var (variable, value) in environment)
        {
            startInfo.Environment[variable] = value;
        }

        var output = new CapturedOutput();
        return new AspNetCoreProcess(ChildProcess.Start(startInfo, output), name, readinessPath, output, baseAddress);
    }

    public ValueTask DisposeAsync() => new(ChildProcess.StopAsync(_process, StopTimeout));

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        var lastProblem = "no response yet";
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
            {
                // Let the output readers drain before reporting.
                await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException(
                    $"The {_name} exited with code {_process.ExitCode} before becoming ready.{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await client.GetAsync(_readinessPath, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastProblem = $"GET /{_readinessPath} answered {(int)response.StatusCode}";
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
            $"The {_name} did not answer 200 on /{_readinessPath} within {ReadyTimeout.TotalSeconds:0} s ({lastProblem}).{Environment.NewLine}{Output}");
    }

    private bool LostPortRace() =>
        Output.ToString().Contains("address already in use", StringComparison.OrdinalIgnoreCase);
}
