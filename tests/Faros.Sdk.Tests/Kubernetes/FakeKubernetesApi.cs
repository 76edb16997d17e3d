using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Faros.Testing;

namespace Faros.Sdk.Tests.Kubernetes;

/// <summary>
/// A real HTTP server on 127.0.0.1 answering a few Kubernetes API paths from a table, recording each
/// request (method, path, body), so the client's wire behaviour is what gets tested.
/// </summary>
internal sealed class FakeKubernetesApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<(string Method, string Path), (int Status, string Body)> _routes = new();
    private readonly Task _loop;

    public FakeKubernetesApi()
    {
        var port = FreeTcpPort.Next();
        BaseAddress = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseAddress + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseAddress { get; }

    public ConcurrentQueue<(string Method, string Path, string Body)> Requests { get; } = new();

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/>; "$echo" as body echoes the request body.</summary>
    public void Route(string method, string path, int status, string body) => _routes[(method, path)] = (status, body);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _ = _loop.Exception; // Observed: the loop ends with an exception when the listener stops.
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var requestBody = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath;
            Requests.Enqueue((context.Request.HttpMethod, path, requestBody));
            var (status, body) = _routes.TryGetValue((context.Request.HttpMethod, path), out var route)
                ? route
                : (404, """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}""");
            var payload = Encoding.UTF8.GetBytes(body == "$echo" ? requestBody : body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(payload);
            context.Response.Close();
        }
    }
}
