using System.Diagnostics;
using System.Net.Sockets;

namespace Faros.Testing;

/// <summary>
/// Azurite's blob service (npm azurite, installed by eng/provision/azurite.sh) on a free loopback port, with
/// its data in a temp directory removed on dispose.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's well-known development account; it exists only inside the emulator.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly TempDirectory _directory;

    private AzuriteServer(Process process, TempDirectory directory, int port, CapturedOutput output)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Output = output;
    }

    public int Port { get; }
    public CapturedOutput Output { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/{AccountName};";

    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = Locate();
        var directory = new TempDirectory("azurite");
        var port = FreeTcpPort.Next();
        var output = new CapturedOutput();
        var startInfo = new ProcessStartInfo(executable);
        foreach (var argument in new[]
                 {
                     "--location", directory.Path, "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--skipApiVersionCheck", "--loose", "--silent",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = ChildProcess.Start(startInfo, output);

        var server = new AzuriteServer(process, directory, port, output);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                return server;
            }
            catch (SocketException) when (!process.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200, cancellationToken);
            }
            catch (SocketException)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"Azurite did not start on port {port}.{Environment.NewLine}{output}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Best effort; the directory removal retries.
        await ChildProcess.StopAsync(_process, TimeSpan.FromSeconds(10));
        _directory.Dispose();
    }

    private static string Locate()
    {
        var executable = Path.Combine(FarosCache.Path, "azurite", "node_modules", ".bin", "azurite-blob");
        return File.Exists(executable)
            ? executable
            : throw new MissingServiceException("Azurite (npm azurite)", "Run eng/provision/azurite.sh, or eng/test.sh, which provisions it.");
    }
}
