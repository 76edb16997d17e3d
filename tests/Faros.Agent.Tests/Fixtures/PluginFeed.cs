namespace Faros.Agent.Tests.Fixtures;

/// <summary>A real registry process holding every test plugin package, each pushed with a Sigstore bundle signed by <see cref="TestPublisherKey"/>
/// except <see cref="IsUnsigned"/> (Echo 2.0.0), pushed without one for the tests of unsigned packages.</summary>
internal sealed class PluginFeed : IAsyncDisposable
{
    private PluginFeed(RegistryProcess registry) => Registry = registry;

    public RegistryProcess Registry { get; }

    public Uri ServiceIndex => Registry.ServiceIndex;

    public static async Task<PluginFeed> StartAsync(TestPluginPackages packages)
    {
        var registry = await RegistryProcess.StartAsync();
        try
        {
            using var http = registry.CreateClient();
            var publisher = new PackagePublishClient(http);
            foreach (var package in packages.All)
            {
                var content = await File.ReadAllBytesAsync(package.Path);
                using var response = IsUnsigned(package)
                    ? await publisher.PushAsync(content, registry.BootstrapApiKey)
                    : await publisher.PushWithBundleAsync(content, TestPublisherKey.Sign(content), registry.BootstrapApiKey);
                if ((int)response.StatusCode != 201)
                {
                    throw new InvalidOperationException(
                        $"Pushing {package.Id} {package.Version} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }

            return new PluginFeed(registry);
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    /// <summary>The one package the feed holds without a Sigstore bundle.</summary>
    public static bool IsUnsigned(PackedPlugin package) => package.Id == TestPluginPackages.Echo && package.Version == "2.0.0";

    /// <summary>The flat-container URL the operator resolves into status.plugins[].downloadUrl.</summary>
    public Uri DownloadUrl(PackedPlugin package)
    {
        var id = package.Id.ToLowerInvariant();
        return new Uri(Registry.BaseAddress, $"v3/package/{id}/{package.Version}/{id}.{package.Version}.nupkg");
    }

    /// <summary>The nupkg as the registry stores it on disk (for tampering with).</summary>
    public string StoredPackagePath(PackedPlugin package)
    {
        var id = package.Id.ToLowerInvariant();
        return Path.Combine(Registry.DataDirectory, "packages", id, package.Version, $"{id}.{package.Version}.nupkg");
    }

    public ValueTask DisposeAsync() => Registry.DisposeAsync();
}
