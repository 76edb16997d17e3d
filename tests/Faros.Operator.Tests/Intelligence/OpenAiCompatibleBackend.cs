using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Faros.Operator.Tests.Intelligence;

/// <summary>
/// A small OpenAI-compatible HTTP endpoint of the test's own on loopback (the real backend is a paid remote
/// service): GET /v1/models answers the configured models to the configured key, 401 to any other.
/// </summary>
internal sealed class OpenAiCompatibleBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OpenAiCompatibleBackend(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<string?> AuthorizationHeaders { get; } = new();

    public static async Task<OpenAiCompatibleBackend> StartAsync(string apiKey, params string[] models)
    {
        var port = FreeTcpPort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var backend = new OpenAiCompatibleBackend(app, new Uri($"http://127.0.0.1:{port}/v1"));
        app.MapGet("/v1/models", (HttpContext context) =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            backend.AuthorizationHeaders.Enqueue(authorization);
            return authorization == $"Bearer {apiKey}"
                ? Results.Json(new { @object = "list", data = models.Select(id => new { id, @object = "model", owned_by = "faros-tests" }) })
                : Results.Json(new { error = new { message = "Incorrect API key provided.", type = "invalid_request_error" } }, statusCode: 401);
        });
        await app.StartAsync();
        return backend;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
