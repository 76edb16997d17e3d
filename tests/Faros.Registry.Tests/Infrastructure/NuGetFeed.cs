using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;

namespace Faros.Registry.Tests.Infrastructure;

/// <summary>NuGet.Protocol's view of the test registry: the same client library Visual Studio and the CLI use.</summary>
public static class NuGetFeed
{
    public static SourceRepository For(RegistryProcess registry) =>
        Repository.Factory.GetCoreV3(new PackageSource(registry.ServiceIndex.AbsoluteUri, "faros")
        {
            AllowInsecureConnections = true,
        });

    /// <summary>A resource of the feed; failing when the service index does not advertise what it needs.</summary>
    public static async Task<T> ResourceAsync<T>(RegistryProcess registry)
        where T : class, INuGetResource =>
        await For(registry).GetResourceAsync<T>(CancellationToken.None)
        ?? throw new AssertionException($"NuGet.Protocol found no {typeof(T).Name} in {registry.ServiceIndex}");

    /// <summary>No caching, so each call really reaches the server (and nothing lands in the user's HTTP cache).</summary>
    public static SourceCacheContext NoCache() => new() { NoCache = true, DirectDownload = true };
}
