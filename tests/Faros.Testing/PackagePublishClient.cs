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

    /// <summary>PUT /api/v2/package; a FarosPlugin package goes with a bundle signed by <see cref="TestPublisherKey"/>, as a publisher would send it.</summary>
    public Task<HttpResponseMessage> PushAsync(TestPackage package, string? apiKey, CancellationToken cancellationToken = default) =>
        TestPublisherKey.IsPlugin(package.Content)
            ? PushWithBundleAsync(package.Content, TestPublisherKey.Sign(package.Content), apiKey, cancellationToken)
            : PushAsync(package.Content, apiKey, cancellationToken);

    /// <summary>PUT /api/v2/package with two file parts: the nupkg and its Sigstore bundle (a file name ending .sigstore.json).</summary>
    public async Task<HttpResponseMessage> PushWithBundleAsync(byte[] nupkg, byte[] sigstoreBundle, string? apiKey, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "api/v2/package");
        AddApiKey(request, apiKey);
        var file = new ByteArrayContent(nupkg);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var bundle = new ByteArrayContent(sigstoreBundle);
        bundle.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content = new MultipartFormDataContent { { file, "package", "package.nupkg" }, { bundle, "signature", "package.sigstore.json" } };
        return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>PUT /api/v2/package/{id}/{version}/sigstore: attaches a bundle to a stored package.</summary>
    public async Task<HttpResponseMessage> AttachBundleAsync(string id, string version, byte[] sigstoreBundle, string? apiKey, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, PackageUrl(id, version) + "/sigstore");
        AddApiKey(request, apiKey);
        request.Content = new ByteArrayContent(sigstoreBundle);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

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
