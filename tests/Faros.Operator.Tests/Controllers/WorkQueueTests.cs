using Faros.Api.Kubernetes;
using Faros.Operator.Controllers;

namespace Faros.Operator.Tests.Controllers;

/// <summary>The queue's guarantees, which the controllers' correctness rests on.</summary>
[TestFixture]
public sealed class WorkQueueTests
{
    [Test]
    public async Task A_key_added_many_times_while_waiting_is_handed_out_once()
    {
        using var queue = new WorkQueue<string>();
        for (var i = 0; i < 100; i++)
        {
            queue.Add("ns/a");
        }

        queue.Add("ns/b");
        Assert.That(await queue.TakeAsync(CancellationToken.None), Is.EqualTo("ns/a"));
        Assert.That(await queue.TakeAsync(CancellationToken.None), Is.EqualTo("ns/b"));
        using var nothingMore = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.CatchAsync<OperationCanceledException>(async () => await queue.TakeAsync(nothingMore.Token));
    }

    [Test]
    public async Task A_key_added_while_processing_comes_back_after_Done_and_never_to_two_workers()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("ns/a");
        var taken = await queue.TakeAsync(CancellationToken.None);
        queue.Add("ns/a");
        queue.Add("ns/a");
        using (var whileProcessing = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            Assert.CatchAsync<OperationCanceledException>(async () => await queue.TakeAsync(whileProcessing.Token), "a second worker must not get a key in process");
        }

        queue.Done(taken);
        using var afterDone = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Assert.That(await queue.TakeAsync(afterDone.Token), Is.EqualTo("ns/a"));
    }

    [Test]
    public async Task AddAfter_delays_and_the_earliest_schedule_wins()
    {
        using var queue = new WorkQueue<string>();
        var started = DateTimeOffset.UtcNow;
        queue.AddAfter("ns/a", TimeSpan.FromSeconds(30));
        queue.AddAfter("ns/a", TimeSpan.FromMilliseconds(300));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Assert.That(await queue.TakeAsync(timeout.Token), Is.EqualTo("ns/a"));
        Assert.That(DateTimeOffset.UtcNow - started, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(280)));
    }
}
