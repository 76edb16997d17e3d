using System.Net;
using System.Text;
using System.Text.Json;

namespace Faros.Marketplace.Tests.Fixtures;

/// <summary>
/// A minimal NuGet v3 server whose one package carries the <c>faros</c> and <c>signer</c> extensions, which the
/// real registry does not emit until plugin manifests land. Lets the tests show the marketplace renders them;
/// every other test uses the real registry. It ignores search filters on purpose, like a registry that predates
/// them, so the marketplace's own re-check of the filters is exercised too.
/// </summary>
public sealed class FarosMetadataRegistry : IDisposable
{
    public const string Id = "Acme.Faros.Modbus";
    public const string Version = "1.2.0";
    public const string Category = "Protocols";
    public const string Kind = "ModbusDevice";
    public const string KindGroupVersion = "devices.faros.sh/v1";
    public const string Crd = "modbusdevices.devices.faros.sh";
    public const string SdkRange = "[1.0.0, 2.0.0)";
    public const string SignerIdentity = "CN=Acme Industrial, O=Acme";
    public const string Permission = "network: tcp/502";

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    public FarosMetadataRegistry()
    {
        var port = FreeTcpPort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.AbsoluteUri);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            var body = Answer(context.Request.Url!.AbsolutePath);
            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body ?? "{}");
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private string? Answer(string path)
    {
        var root = BaseAddress.AbsoluteUri;
        var lowerId = Id.ToLowerInvariant();
        return path switch
        {
            "/v3/index.json" => Json(new
            {
                version = "3.0.0",
                resources = new object[]
                {
                    Resource(root + "v3/search", "SearchQueryService/3.5.0"),
                    Resource(root + "v3/registration/", "RegistrationsBaseUrl/3.6.0"),
                    Resource(root + "v3/package/", "PackageBaseAddress/3.0.0"),
                },
            }),
            "/v3/search" => Json(new
            {
                totalHits = 1,
                data = new[]
                {
                    new
                    {
                        id = Id, version = Version, description = "Modbus TCP and RTU devices as Faros telemetry.",
                        authors = new[] { "Acme" }, owners = new[] { "acme" }, totalDownloads = 4200, verified = true,
                        packageTypes = new[] { new { name = "FarosPlugin" } },
                        versions = new[] { new { version = Version, downloads = 4200 } },
                        published = "2026-11-20T10:00:00Z", faros = Traits(), signer = Signer(),
                    },
                },
            }),
            _ when path == $"/v3/registration/{lowerId}/index.json" => Json(new
            {
                count = 1,
                items = new[]
                {
                    new
                    {
                        lower = Version, upper = Version,
                        items = new[]
                        {
                            new
                            {
                                catalogEntry = new
                                {
                                    id = Id, version = Version, description = "Modbus TCP and RTU devices as Faros telemetry.",
                                    authors = "Acme", published = "2026-11-20T10:00:00Z", listed = true,
                                    licenseExpression = "Apache-2.0", faros = Traits(), signer = Signer(),
                                },
                            },
                        },
                    },
                },
            }),
            _ => null,
        };
    }

    private static object Resource(string id, string type) => new Dictionary<string, string> { ["@id"] = id, ["@type"] = type };

    private static object Traits() => new
    {
        category = Category,
        kinds = new[] { new { group = "devices.faros.sh", version = "v1", kind = Kind } },
        crds = new[] { Crd },
        side = "device",
        sdkRange = SdkRange,
        runtimes = new[] { "linux-x64", "linux-arm64" },
        permissions = new object[] { Permission, new { name = "secrets: read" } },
    };

    private static object Signer() => new { identity = SignerIdentity, verified = true };

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
