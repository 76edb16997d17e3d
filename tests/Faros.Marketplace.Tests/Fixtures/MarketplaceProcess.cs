namespace Faros.Marketplace.Tests.Fixtures;

/// <summary>
/// A real Faros.Marketplace process on 127.0.0.1, reading the given registry, started the way operators start
/// it: <c>dotnet Faros.Marketplace.dll --urls ...</c> with <c>Marketplace__RegistryUrl</c> in the environment.
/// </summary>
public sealed class MarketplaceProcess : IAsyncDisposable
{
    private readonly AspNetCoreProcess _server;

    private MarketplaceProcess(AspNetCoreProcess server) => _server = server;

    /// <summary>http://127.0.0.1:PORT/ with a trailing slash.</summary>
    public Uri BaseAddress => _server.BaseAddress;

    public CapturedOutput Output => _server.Output;

    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery.TrimStart('/')).AbsoluteUri;

    public static async Task<MarketplaceProcess> StartAsync(Uri registry, IReadOnlyDictionary<string, string>? settings = null,
        CancellationToken cancellationToken = default)
    {
        var dll = MarketplaceBinary.Locate();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Marketplace__RegistryUrl"] = registry.AbsoluteUri,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return await AspNetCoreProcess.StartAsync(
            baseAddress => new MarketplaceProcess(AspNetCoreProcess.Launch(
                name: "marketplace",
                dll,
                baseAddress,
                // Deliberately not the dll's folder: the site must find its wwwroot wherever it is started from.
                workingDirectory: Path.GetTempPath(),
                readinessPath: "healthz",
                environment,
                alsoRemove: ["ASPNETCORE_ENVIRONMENT"])),
            marketplace => marketplace._server,
            cancellationToken);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
