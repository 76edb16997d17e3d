using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Faros.Samples.DockerRuntime;

/// <summary>
/// A minimal Docker Engine API client over the engine's unix socket: only the two read-only calls the
/// plugin needs, so the plugin carries no Docker SDK.
/// </summary>
public sealed class DockerEngineClient : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Creates a client for the engine listening on <paramref name="socketPath"/>.</summary>
    public DockerEngineClient(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };

        // The host name is ignored by the socket but required by HTTP; "docker" is what the docker CLI sends.
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://docker/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>GET /version.</summary>
    public async Task<EngineVersion> GetVersionAsync(CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync("version", cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        return new EngineVersion(root.GetProperty("Version").GetString() ?? "", root.GetProperty("ApiVersion").GetString() ?? "");
    }

    /// <summary>GET /containers/json?all=true.</summary>
    public async Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync("containers/json?all=true", cancellationToken).ConfigureAwait(false);
        return document.RootElement.EnumerateArray().Select(container => new ContainerSummary(
                ShortId(container.GetProperty("Id").GetString()),
                FirstName(container),
                container.TryGetProperty("Image", out var image) ? image.GetString() ?? "" : "",
                container.TryGetProperty("State", out var state) ? state.GetString() ?? "" : ""))
            .ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<JsonDocument> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonDocument>(cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"The engine returned no JSON for /{path}.");
    }

    // Docker names carry a leading '/' (a legacy of container links).
    private static string FirstName(JsonElement container) =>
        container.TryGetProperty("Names", out var names) && names.ValueKind == JsonValueKind.Array && names.GetArrayLength() > 0
            ? (names[0].GetString() ?? "").TrimStart('/')
            : "";

    private static string ShortId(string? id) => id is { Length: > 12 } ? id[..12] : id ?? "";
}
