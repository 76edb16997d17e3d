using Faros.Agent.Tests.Fixtures;
using Faros.PluginHost;
using Faros.PluginHost.Fetching;
using Faros.Sdk.Reconciliation;
using Microsoft.Extensions.Logging;
using static Faros.Agent.Tests.Fixtures.TestPluginPackages;

namespace Faros.Agent.Tests.PluginHost;

/// <summary>The downloader against the real registry: Range resume, optional bundles, retries and their limit.</summary>
public sealed class DownloadTests
{
    private static readonly DownloadOptions Quick = new()
    {
        MaxAttempts = 3,
        Backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)),
    };

    private static PackageDownloader Downloader(HttpClient http) =>
        new(http, Quick, TestLogging.Factory.CreateLogger<PackageDownloader>());

    [Test]
    public async Task An_interrupted_download_resumes_from_the_partial_file_with_a_range_request()
    {
        using var directory = new TempDirectory("resume");
        using var http = new HttpClient();
        var echo = AgentTestRun.Packages.Get(Echo, "2.0.0");
        var whole = await File.ReadAllBytesAsync(echo.Path);
        var destination = Path.Combine(directory.Path, "echo.nupkg");
        await File.WriteAllBytesAsync(destination + ".partial", whole[..(whole.Length / 2)]);

        var result = await Downloader(http).DownloadAsync(AgentTestRun.Feed.DownloadUrl(echo), destination, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(result.ResumedFrom, Is.EqualTo(whole.Length / 2));
            Assert.That(result.Length, Is.EqualTo(whole.Length));
            Assert.That(await PackageDigest.ComputeAsync(destination, CancellationToken.None), Is.EqualTo(echo.Digest));
            Assert.That(File.Exists(destination + ".partial"), Is.False);
        });
    }

    [Test]
    public async Task A_registry_without_a_sigstore_bundle_for_the_package_answers_404_which_means_none()
    {
        using var directory = new TempDirectory("bundle");
        using var http = new HttpClient();
        var location = PackageLocation.FromPackageUrl(AgentTestRun.Feed.DownloadUrl(AgentTestRun.Packages.Get(Echo, "2.0.0")));

        var result = await Downloader(http).DownloadIfPresentAsync(location.SigstoreBundle, Path.Combine(directory.Path, "bundle.json"), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(location.SigstoreBundle.AbsolutePath, Does.EndWith("/faros.testplugins.echo.2.0.0.sigstore.json"));
            Assert.That(result, Is.Null);
        });
    }

    [Test]
    public async Task An_unreachable_server_is_retried_with_backoff_up_to_the_limit_and_then_named()
    {
        using var directory = new TempDirectory("retry");
        using var http = new HttpClient();
        var url = new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}/v3/package/a/1.0.0/a.1.0.0.nupkg");

        var error = Assert.ThrowsAsync<PluginFetchException>(() => Downloader(http).DownloadAsync(url, Path.Combine(directory.Path, "a.nupkg"), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Attempts, Is.EqualTo(3));
            Assert.That(error.Message, Does.StartWith($"Downloading {url} failed after 3 attempts"));
        });
    }

    [Test]
    public async Task A_package_the_registry_does_not_have_fails_at_once_without_retrying()
    {
        using var directory = new TempDirectory("missing");
        using var http = new HttpClient();
        var url = new Uri(AgentTestRun.Feed.Registry.BaseAddress, "v3/package/faros.testplugins.none/1.0.0/faros.testplugins.none.1.0.0.nupkg");

        var error = Assert.ThrowsAsync<PluginFetchException>(() => Downloader(http).DownloadAsync(url, Path.Combine(directory.Path, "none.nupkg"), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Attempts, Is.EqualTo(1));
            Assert.That(error.Message, Does.Contain("answered 404"));
        });
        await Task.CompletedTask;
    }
}
