namespace Faros.Testing;

/// <summary>What a test does when a real server it needs is missing: ignored locally, a failure under CI=true.</summary>
public static class RequiredService
{
    /// <summary>Ends the calling test (Assert.Ignore, or Assert.Fail under CI); the return value only satisfies `throw`.</summary>
    public static Exception Missing(string message)
    {
        if (MissingServiceException.RunningInCi)
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        return new InvalidOperationException(message);
    }

    /// <summary>The started service, or the calling test ends as <see cref="Missing"/> says.</summary>
    public static async Task<T> RequireAsync<T>(Task<T> start)
    {
        try
        {
            return await start;
        }
        catch (MissingServiceException missing)
        {
            throw Missing(missing.Message);
        }
    }
}
