using System.Diagnostics;
using System.Text.Json;
using Faros.Registry.Tests.Infrastructure;
using Faros.Registry.Tests.Scale;

namespace Faros.Registry.Tests.Feed;

/// <summary>FarosPackageChanges/1.0.0 (GET v3/changes) on one instance, embedded and on PostgreSQL.</summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class ChangeFeedTests(RegistrySetup setup) : RegistryFixture(setup)
{
    // Downloads reach the database quickly, so the test of them sees a flush; hard delete is a change to report.
    protected override IReadOnlyDictionary<string, string> Configuration { get; } =
        new Dictionary<string, string> { ["Registry__DownloadFlushInterval"] = "00:00:00.100", ["Registry__AllowHardDelete"] = "true" };

    [Test]
    public async Task The_service_index_advertises_the_change_feed()
    {
        using var index = JsonDocument.Parse(await Http.GetStringAsync("v3/index.json"));
        var resource = index.RootElement.GetProperty("resources").EnumerateArray()
            .Single(entry => entry.GetProperty("@type").GetString() == "FarosPackageChanges/1.0.0");

        Assert.That(resource.GetProperty("@id").GetString(), Is.EqualTo(new Uri(Registry.BaseAddress, "v3/changes").AbsoluteUri));
    }

    [Test]
    public async Task A_push_wakes_a_waiting_request_at_once_not_at_the_end_of_its_wait()
    {
        var start = await ChangeFeedClient.ReadAsync(Http, cursor: null);
        var package = TestPackages.Create(UniqueIds.For("Wake"), "1.0.0");
        var waiting = await ChangeFeedClient.StartWaitingAsync(Http, start.Cursor);

        await PushAsync(package);
        var pushed = Stopwatch.StartNew();
        var answer = await waiting;
        pushed.Stop();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(answer.Ids, Does.Contain(package.LowerId));
            // Well under the 30 s wait, with room for a busy CI machine: the push ended the poll, not its timeout.
            Assert.That(pushed.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "time from the push's answer to the waiting request's");
            Assert.That(answer.Cursor, Is.Not.EqualTo(start.Cursor));
        }
    }

    [Test]
    public async Task A_cursor_resumes_without_losses_or_repeats()
    {
        var start = await ChangeFeedClient.ReadAsync(Http, cursor: null);
        var first = TestPackages.Create(UniqueIds.For("ResumeA"), "1.0.0");
        await PushAsync(first);
        var afterFirst = await ChangeFeedClient.ReadAsync(Http, start.Cursor);

        var second = TestPackages.Create(UniqueIds.For("ResumeB"), "1.0.0");
        var third = TestPackages.Create(UniqueIds.For("ResumeC"), "1.0.0");
        await PushAsync(second);
        await PushAsync(third);
        var afterThird = await ChangeFeedClient.ReadAsync(Http, afterFirst.Cursor);
        var idle = await ChangeFeedClient.ReadAsync(Http, afterThird.Cursor, waitSeconds: 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterFirst.Ids, Is.EqualTo(new[] { first.LowerId }));
            Assert.That(afterThird.Ids, Is.EqualTo(new[] { second.LowerId, third.LowerId }), "in commit order, without the change already read");
            Assert.That(idle.Ids, Is.Empty);
            Assert.That(idle.Cursor, Is.EqualTo(afterThird.Cursor), "an idle wait keeps the cursor");
        }
    }

    [Test]
    public async Task Unlist_relist_and_delete_are_reported()
    {
        var package = TestPackages.Create(UniqueIds.For("Listing"), "1.0.0");
        await PushAsync(package);
        var cursor = (await ChangeFeedClient.ReadAsync(Http, cursor: null)).Cursor;

        foreach (var change in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => Publish.UnlistAsync(package.Id, "1.0.0", AdminKey),
                     () => Publish.RelistAsync(package.Id, "1.0.0", AdminKey),
                     () => Publish.HardDeleteAsync(package.Id, "1.0.0", AdminKey),
                 })
        {
            var waiting = ChangeFeedClient.ReadAsync(Http, cursor, waitSeconds: 30);
            using (var response = await change())
            {
                Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
            }

            var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.That(answer.Ids, Is.EqualTo(new[] { package.LowerId }));
            cursor = answer.Cursor;
        }
    }

    [Test]
    public async Task Download_counts_are_not_changes()
    {
        var package = TestPackages.Create(UniqueIds.For("Downloads"), "1.0.0");
        await PushAsync(package);
        var cursor = (await ChangeFeedClient.ReadAsync(Http, cursor: null)).Cursor;

        await Http.GetByteArrayAsync($"v3/package/{package.LowerId}/1.0.0/{package.LowerId}.1.0.0.nupkg");
        var downloads = await Eventually.ReturnsAsync(() => TotalDownloadsAsync(package.LowerId), total => total > 0, TimeSpan.FromSeconds(10));
        var answer = await ChangeFeedClient.ReadAsync(Http, cursor);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(downloads, Is.EqualTo(1), "the download was counted in the database");
            Assert.That(answer.Ids, Is.Empty);
        }
    }

    [TestCase("cursor=abc", "cursor 'abc'")]
    [TestCase("cursor=-1", "cursor '-1'")]
    [TestCase("cursor=0&wait=soon", "wait 'soon'")]
    public async Task Bad_parameters_are_refused_naming_the_defect(string query, string named)
    {
        using var response = await Http.GetAsync($"v3/changes?{query}");
        var problem = await ProblemResponse.ReadAsync(response);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.Status, Is.EqualTo(400), problem.ToString());
            Assert.That(problem.Detail, Does.Contain(named));
        }
    }

    [Test]
    public async Task A_cursor_from_another_database_asks_the_client_to_start_over()
    {
        var current = await ChangeFeedClient.ReadAsync(Http, cursor: null);

        var answer = await ChangeFeedClient.ReadAsync(Http, "999999999", waitSeconds: 10);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(answer.Reset, Is.True);
            Assert.That(answer.Cursor, Is.EqualTo(current.Cursor));
        }
    }

    private async Task<long> TotalDownloadsAsync(string lowerId)
    {
        using var search = JsonDocument.Parse(await Http.GetStringAsync($"v3/search?q=packageid:{lowerId}&prerelease=true"));
        var hits = search.RootElement.GetProperty("data");
        return hits.GetArrayLength() == 0 ? 0 : hits[0].GetProperty("totalDownloads").GetInt64();
    }
}
