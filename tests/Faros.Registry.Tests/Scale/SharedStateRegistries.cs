using Azure.Storage.Blobs;

namespace Faros.Registry.Tests.Scale;

/// <summary>Two registry processes over one PostgreSQL database and one blob container: stateless instances behind a balancer.</summary>
public sealed class SharedStateRegistries : IAsyncDisposable
{
    private SharedStateRegistries(RegistryProcess first, RegistryProcess second, BlobContainerClient container, IReadOnlyDictionary<string, string> settings)
    {
        First = first;
        Second = second;
        Container = container;
        Settings = settings;
    }

    public RegistryProcess First { get; }
    public RegistryProcess Second { get; }

    /// <summary>The blob container both instances store packages in, for asserting what is stored.</summary>
    public BlobContainerClient Container { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    public static async Task<SharedStateRegistries> StartAsync(IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = await ScaleServices.NewRegistryConfigurationAsync();
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            settings[name] = value;
        }

        var first = await RegistryProcess.StartAsync(settings);
        var second = await RegistryProcess.StartAsync(settings);
        var container = new BlobContainerClient(settings["Storage__AzureBlob__ConnectionString"], settings["Storage__AzureBlob__Container"]);
        return new SharedStateRegistries(first, second, container, settings);
    }

    /// <summary>Names of every blob stored under a package id.</summary>
    public async Task<List<string>> BlobsOfAsync(string lowerId)
    {
        var names = new List<string>();
        await foreach (var blob in Container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, lowerId + "/", default))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }
}
