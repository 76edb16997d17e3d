using System.Net.Http.Headers;

namespace Faros.Testing;

/// <summary>
/// Raw HTTP calls to the publish endpoints, shaped like NuGet's own client (multipart field "package",
/// X-NuGet-ApiKey header) but returning the response so tests can assert status, headers and problem
/// details that the CLI would hide. Also the fast way to seed a registry with packages.
/// </summary>
public sealed class PackagePublishClient
{
    public const string ApiKeyHeader = "X-NuGet-ApiKey";

    private readonly HttpClient _http;

    public PackagePublishClient(HttpClient http) => _http = http;

    /// <summary>PUT /api/v2/package.</summary>
    public Task<HttpResponseMessage> PushAsync(byte[] nupkg, string? apiKey, CancellationToken cancellationToken = default) =>
        PutAsync("api/v2/package", nupkg, apiKey, cancellationToken);

    public Task<HttpResponseMessage> PushAsync(TestPackage package, string? apiKey, CancellationToken cancellationToken = default) =>
        PushAsync(package.Content, apiKey, cancellationToken);

    /// <summary>PUT /api/v2/symbolpackage.</summary>
    public Task<HttpResponseMessage> PushSymbolsAsync(byte[] snupkg, string? apiKey, CancellationToken cancellationToken = default) =>
        PutAsync("api/v2/symbolpackage", snupkg, apiKey, cancellationToken);

    /// <summary>Pushes and throws unless the registry answered 201, for seeding test data.</summary>
    public async Task PushOrThrowAsync(TestPackage package, string apiKey, CancellationToken cancellationToken = default)
    {
        using var response = await PushAsync(package, apiKey, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode != 201)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException(
                $"Pushing {package.Id} {package.Version} answered {(int)response.StatusCode} {response.ReasonPhrase}: {body}",
                inner: null,
                response.StatusCode);
        }
    }

    /// <summary>DELETE /api/v2/package/{id}/{version}: unlists.</summary>
    public Task<HttpResponseMessage> UnlistAsync(string id, string version, string? apiKey, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, PackageUrl(id, version), apiKey, cancellationToken);

    /// <summary>POST /api/v2/package/{id}/{version}: relists.</summary>
    public Task<HttpResponseMessage> RelistAsync(string id, string version, string? apiKey, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, PackageUrl(id, version), apiKey, cancellationToken);

    /// <summary>DELETE /api/v2/package/{id}/{version}?hardDelete=true: removes the package for good, if enabled.</summary>
    public Task<HttpResponseMessage> HardDeleteAsync(string id, string version, string? apiKey, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, PackageUrl(id, version) + "?hardDelete=true", apiKey, cancellationToken);

    private static string PackageUrl(string id, string version) =>
        $"api/v2/package/{Uri.EscapeDataString(id)}/{Uri.EscapeDataString(version)}";

    private async Task<HttpResponseMessage> PutAsync(string path, byte[] content, string? apiKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path);
        AddApiKey(request, apiKey);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { file, "package", "package.nupkg" } };
        request.Content = form;
        return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? apiKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        AddApiKey(request, apiKey);
        return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static void AddApiKey(HttpRequestMessage request, string? apiKey)
    {
        if (apiKey is not null)
        {
            request.Headers.Add(ApiKeyHeader, apiKey);
        }
    }
}
