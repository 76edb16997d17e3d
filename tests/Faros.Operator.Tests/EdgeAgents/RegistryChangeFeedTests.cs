using System.Threading.Channels;
using Faros.Operator.PluginCatalog;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faros.Operator.Tests.EdgeAgents;

/// <summary>The operator's listener on a real registry's change feed: what it reports, what it forgets, how it survives an outage.</summary>
[TestFixture]
public sealed class RegistryChangeFeedTests
{
    [Test]
    public async Task A_push_is_reported_and_the_catalogs_cached_answer_forgotten_and_an_outage_does_not_stop_the_listener()
    {
        var registry = await RegistryProcess.StartAsync();
        var registryStopped = false;
        using var http = new HttpClient { Timeout = RegistryChangeFeed.RequestTimeout };
        // Cached far longer than the test: only the feed can make the catalog see the push.
        var catalog = new RegistryCatalog(registry.ServiceIndex, TimeSpan.FromMinutes(10), NullLogger<RegistryCatalog>.Instance);
        var feed = new RegistryChangeFeed(catalog, http, TimeSpan.FromMinutes(5), NullLogger<RegistryChangeFeed>.Instance);
        var reports = Channel.CreateUnbounded<PackageChanges>();
        feed.Changed += changes => reports.Writer.TryWrite(changes);
        using var stop = new CancellationTokenSource();
        var listening = feed.RunAsync(stop.Token);
        try
        {
            var packages = new PluginPackages(registry);
            await packages.PushPluginAsync("Contoso.Fed", "1.0.0");
            await Eventually.HoldsAsync(() => feed.IsListening, TimeSpan.FromSeconds(30), "listening to the change feed");
            Assert.That((await catalog.GetVersionsAsync("Contoso.Fed", CancellationToken.None)).Select(v => v.Version.ToNormalizedString()), Is.EqualTo(new[] { "1.0.0" }));

            await packages.PushPluginAsync("Contoso.Fed", "1.1.0");
            // Reports of the first push may still be queued (the feed also looks at each change again later), so the
            // proof is the catalog itself: cached for minutes, it can only learn of 1.1.0 from the feed.
            var versions = await Eventually.GetAsync(
                () => catalog.GetVersionsAsync("Contoso.Fed", CancellationToken.None),
                answer => answer.Any(v => v.Version.ToNormalizedString() == "1.1.0"),
                TimeSpan.FromSeconds(5),
                "the catalog forgetting its cached answer when the feed reports the push");
            var report = await NamingAsync(reports.Reader, "contoso.fed").WaitAsync(TimeSpan.FromSeconds(5));

            Assert.Multiple(() =>
            {
                Assert.That(report.Ids, Is.EquivalentTo(new[] { "contoso.fed" }));
                Assert.That(versions.Select(v => v.Version.ToNormalizedString()), Is.EquivalentTo(new[] { "1.0.0", "1.1.0" }));
            });

            await registry.DisposeAsync();
            registryStopped = true;
            await Eventually.HoldsAsync(() => !feed.IsListening, TimeSpan.FromSeconds(30), "the listener notices the registry is gone");
            Assert.That(listening.IsCompleted, Is.False, "the listener keeps retrying while the registry is down");
        }
        finally
        {
            if (!registryStopped)
            {
                await registry.DisposeAsync();
            }
        }

        await stop.CancelAsync();
        await listening.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The first report that names <paramref name="id"/>; the start-up report ("anything may have changed") is skipped.</summary>
    private static async Task<PackageChanges> NamingAsync(ChannelReader<PackageChanges> reports, string id)
    {
        while (true)
        {
            var report = await reports.ReadAsync();
            if (!report.Everything && report.Ids.Contains(id))
            {
                return report;
            }
        }
    }
}
