using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Faros.Samples.DockerRuntime.Tests;

/// <summary>
/// A tiny HTTP/1.1 server on a real unix socket that answers like the Docker Engine API, standing in for
/// dockerd (not running here). One request per connection, Connection: close.
/// </summary>
internal sealed class FakeDockerEngine : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Func<string, (int Status, string Body)> _respond;

    public FakeDockerEngine(string socketPath, Func<string, (int Status, string Body)> respond)
    {
        SocketPath = socketPath;
        _respond = respond;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(16);
        _loop = AcceptLoopAsync();
    }

    public string SocketPath { get; }

    public ConcurrentQueue<string> RequestLines { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        File.Delete(SocketPath);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        await using (var stream = new NetworkStream(client, ownsSocket: false))
        {
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            var requestLine = await reader.ReadLineAsync() ?? "";
            while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
            {
                // Headers are irrelevant to these GETs.
            }

            RequestLines.Enqueue(requestLine);
            var target = requestLine.Split(' ') is [_, var path, ..] ? path : "/";
            var (status, body) = _respond(target);
            var payload = Encoding.UTF8.GetBytes(body);
            var head = $"HTTP/1.1 {status} {(status == 200 ? "OK" : "Error")}\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(payload);
        }
    }
}
