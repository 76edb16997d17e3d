namespace Faros.Registry.Tests.Scale;

/// <summary>
/// Instances learn of each other's changes through PostgreSQL notifications, which arrive within milliseconds
/// but not in the same instant as the push's answer; this waits a bounded time for a condition to hold.
/// </summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> accept, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(2));
        while (true)
        {
            var value = await probe();
            if (accept(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(20);
        }
    }
}
