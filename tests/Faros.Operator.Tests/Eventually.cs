using System.Diagnostics;

namespace Faros.Operator.Tests;

/// <summary>Polls a condition at short intervals until it holds or a deadline passes.</summary>
internal static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        T last;
        while (true)
        {
            last = await read();
            if (done(last))
            {
                return last;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Not within {timeout.TotalSeconds:0.#} s: {what}. Last seen: {Describe(last)}");
            }

            await Task.Delay(50);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        GetAsync(() => Task.FromResult(condition()), held => held, timeout, what);

    private static string Describe<T>(T value) => value is null ? "null" : k8s.KubernetesJson.Serialize(value);
}
