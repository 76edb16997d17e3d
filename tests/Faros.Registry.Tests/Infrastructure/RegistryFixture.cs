using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using NUnit.Framework.Interfaces;

namespace Faros.Registry.Tests.Infrastructure;

/// <summary>
/// Base for fixtures that share one registry process across their tests (tests use distinct package ids,
/// so they do not interfere). Starting one registry per class, not per test, keeps the suite fast.
/// On a failing test the server's output is attached, since the cause is usually only visible there.
/// Every fixture runs once per <see cref="RegistrySetup"/>: embedded, and PostgreSQL with Azure Blob Storage.
/// </summary>
public abstract class RegistryFixture(RegistrySetup setup)
{
    private IReadOnlyDictionary<string, string> _settings = new Dictionary<string, string>();
    private RegistryProcess? _registry;
    private HttpClient? _http;

    protected RegistryProcess Registry => _registry ?? throw new InvalidOperationException("The registry is not running.");

    /// <summary>A client rooted at the registry, without automatic decompression.</summary>
    protected HttpClient Http => _http ?? throw new InvalidOperationException("The registry is not running.");

    protected PackagePublishClient Publish => new(Http);

    protected string AdminKey => Registry.BootstrapApiKey;

    /// <summary>Extra registry settings (ASP.NET Core environment variable names) for this fixture.</summary>
    protected virtual IReadOnlyDictionary<string, string> Configuration { get; } = new Dictionary<string, string>();

    [OneTimeSetUp]
    public async Task StartRegistryAsync()
    {
        _settings = await setup.ConfigureAsync(Configuration);
        _registry = await RegistryProcess.StartAsync(_settings);
        _http = _registry.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopRegistryAsync()
    {
        // A failed OneTimeSetUp (e.g. seeding) fails every test without running [TearDown]; report here instead.
        if (_registry is not null && TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            WriteServerOutput();
        }

        _http?.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }

    [TearDown]
    public void AttachServerOutputOnFailure()
    {
        if (_registry is not null && TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            WriteServerOutput();
        }
    }

    private void WriteServerOutput()
    {
        TestContext.Out.WriteLine($"===== registry output ({Registry.BaseAddress}) =====");
        TestContext.Out.WriteLine(Registry.Output.ToString());
    }

    /// <summary>
    /// Stored files whose path mentions the id: in the data directory, and in the blob container when the
    /// setup stores packages in Azure Blob Storage. Proves that a refused or deleted package left nothing behind.
    /// </summary>
    protected async Task<IReadOnlyList<string>> StoredFilesMentioningAsync(string id)
    {
        var files = DataDirectoryFiles.Mentioning(Registry.DataDirectory, id).ToList();
        if (_settings.TryGetValue("Storage__AzureBlob__Container", out var container))
        {
            var blobs = new BlobContainerClient(_settings["Storage__AzureBlob__ConnectionString"], container);
            if (await blobs.ExistsAsync())
            {
                await foreach (var blob in blobs.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, default))
                {
                    if (blob.Name.Contains(id, StringComparison.OrdinalIgnoreCase))
                    {
                        files.Add("blob:" + blob.Name);
                    }
                }
            }
        }

        return files;
    }

    /// <summary>Seeds a package through the publish endpoint with the admin key.</summary>
    protected Task PushAsync(TestPackage package) => Publish.PushOrThrowAsync(package, AdminKey);

    /// <summary>Unlists through the publish endpoint with the admin key, insisting on 204.</summary>
    protected async Task UnlistAsync(string id, string version)
    {
        using var response = await Publish.UnlistAsync(id, version, AdminKey);
        Assert.That((int)response.StatusCode, Is.EqualTo(204), $"unlisting {id} {version}");
    }
}
