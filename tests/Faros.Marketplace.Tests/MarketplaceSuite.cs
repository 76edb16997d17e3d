using Faros.Marketplace.Tests.Fixtures;

namespace Faros.Marketplace.Tests;

/// <summary>
/// In the root namespace so NUnit applies it to every test. Starts, once for all tests in this assembly, a registry with <see cref="SeedPackages"/> pushed and a
/// marketplace reading it. Seeding happens before the marketplace starts, so its short cache never holds a
/// pre-push answer.
/// </summary>
[SetUpFixture]
public sealed class MarketplaceSuite
{
    private static RegistryProcess? _registry;
    private static MarketplaceProcess? _marketplace;

    public static RegistryProcess Registry => _registry ?? throw new InvalidOperationException("The registry did not start.");

    public static MarketplaceProcess Marketplace => _marketplace ?? throw new InvalidOperationException("The marketplace did not start.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        _registry = await RegistryProcess.StartAsync(cancellationToken: timeout.Token);
        using (var http = _registry.CreateClient())
        {
            var publisher = new PackagePublishClient(http);
            foreach (var package in SeedPackages.All())
            {
                await publisher.PushOrThrowAsync(package, _registry.BootstrapApiKey, timeout.Token);
            }

            foreach (var package in SeedPackages.Unsigned())
            {
                using var response = await publisher.PushAsync(package.Content, _registry.BootstrapApiKey, timeout.Token);
                if ((int)response.StatusCode != 201)
                {
                    throw new HttpRequestException($"Pushing {package.Id} {package.Version} unsigned answered {(int)response.StatusCode}: " +
                                                   await response.Content.ReadAsStringAsync(timeout.Token));
                }
            }

            await SeedPackages.RetireAsync(http, _registry.BootstrapApiKey, timeout.Token);
        }

        _marketplace = await MarketplaceProcess.StartAsync(_registry.BaseAddress, cancellationToken: timeout.Token);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await BrowserSession.CloseAsync();
        if (_marketplace is not null)
        {
            AttachLog("marketplace.log", _marketplace.Output);
            await _marketplace.DisposeAsync();
        }

        if (_registry is not null)
        {
            AttachLog("registry.log", _registry.Output);
            await _registry.DisposeAsync();
        }
    }

    // Server logs sit beside the screenshots, for diagnosing a failure after the processes are gone.
    private static void AttachLog(string name, CapturedOutput output)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "logs");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name), output.ToString());
    }
}
