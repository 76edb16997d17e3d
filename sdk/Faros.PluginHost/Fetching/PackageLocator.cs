using System.Collections.Concurrent;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;

namespace Faros.PluginHost.Fetching;

/// <summary>
/// Finds a package's URLs: the operator's resolved download URL when given, otherwise the feed's
/// PackageBaseAddress read from its service index with NuGet.Protocol (looked up once per feed).
/// </summary>
public sealed class PackageLocator(Uri? serviceIndex)
{
    private readonly ConcurrentDictionary<Uri, Task<Uri>> _baseAddresses = new();

    /// <summary>Where <paramref name="spec"/> is served.</summary>
    public async Task<PackageLocation> LocateAsync(PluginSpec spec, CancellationToken cancellationToken)
    {
        if (spec.DownloadUrl is { } url)
        {
            return PackageLocation.FromPackageUrl(url);
        }

        if (serviceIndex is null)
        {
            throw new PluginFetchException(
                $"{spec.DisplayName} has no download URL and the host has no registry service index. Fix: set the registry URL in the host options.",
                attempts: 0);
        }

        var baseAddress = await _baseAddresses.GetOrAdd(serviceIndex, ReadBaseAddressAsync).WaitAsync(cancellationToken).ConfigureAwait(false);
        return PackageLocation.FromPackageBaseAddress(baseAddress, spec);
    }

    private async Task<Uri> ReadBaseAddressAsync(Uri index)
    {
        try
        {
            var repository = Repository.Factory.GetCoreV3(new NuGet.Configuration.PackageSource(index.ToString()) { AllowInsecureConnections = true });
            var resource = await repository.GetResourceAsync<ServiceIndexResourceV3>(CancellationToken.None).ConfigureAwait(false);
            return resource?.GetServiceEntryUri(ServiceTypes.PackageBaseAddress)
                ?? throw new PluginFetchException($"The service index {index} lists no PackageBaseAddress/3.0.0 resource. Fix: point the host at a NuGet v3 feed.", attempts: 1);
        }
        catch (Exception ex) when (ex is not PluginFetchException)
        {
            // A failed lookup is not cached, so the next attempt asks again.
            _baseAddresses.TryRemove(index, out _);
            throw new PluginFetchException($"Reading the service index {index} failed: {ex.Message}", attempts: 1, ex);
        }
    }
}
