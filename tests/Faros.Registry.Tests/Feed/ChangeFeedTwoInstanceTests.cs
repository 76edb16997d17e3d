using System.Diagnostics;
using Faros.Registry.Tests.Infrastructure;
using Faros.Registry.Tests.Scale;

namespace Faros.Registry.Tests.Feed;

/// <summary>The change feed across two stateless instances sharing PostgreSQL: cursors and wake-ups work on either.</summary>
[TestFixture]
public sealed class ChangeFeedTwoInstanceTests
{
    private SharedStateRegistries? registries;

    private SharedStateRegistries Registries => registries ?? throw new InvalidOperationException("The registries are not running.");

    [OneTimeSetUp]
    public async Task StartAsync() => registries = await SharedStateRegistries.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (registries is not null)
        {
            await registries.DisposeAsync();
        }
    }

    [Test]
    public async Task A_push_to_one_instance_wakes_a_long_poll_on_the_other()
    {
        using var first = Registries.First.CreateClient();
        using var second = Registries.Second.CreateClient();
        var start = await ChangeFeedClient.ReadAsync(second, cursor: null);
        var package = TestPackages.Create(UniqueIds.For("CrossWake"), "1.0.0");
        var waiting = await ChangeFeedClient.StartWaitingAsync(second, start.Cursor);

        await new PackagePublishClient(first).PushOrThrowAsync(package, Registries.First.BootstrapApiKey);
        var pushed = Stopwatch.StartNew();
        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(20));
        pushed.Stop();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(answer.Ids, Does.Contain(package.LowerId));
            Assert.That(pushed.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "the broadcast, not the end of the 30 s wait, ended the poll");
        }
    }

    [Test]
    public async Task A_cursor_from_one_instance_resumes_on_the_other()
    {
        using var first = Registries.First.CreateClient();
        using var second = Registries.Second.CreateClient();
        var start = await ChangeFeedClient.ReadAsync(first, cursor: null);
        var package = TestPackages.Create(UniqueIds.For("CrossCursor"), "1.0.0");
        await new PackagePublishClient(first).PushOrThrowAsync(package, Registries.First.BootstrapApiKey);

        var fromSecond = await ChangeFeedClient.ReadAsync(second, start.Cursor);
        var again = await ChangeFeedClient.ReadAsync(first, fromSecond.Cursor);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fromSecond.Ids, Does.Contain(package.LowerId));
            Assert.That(again.Ids, Does.Not.Contain(package.LowerId));
        }
    }
}
