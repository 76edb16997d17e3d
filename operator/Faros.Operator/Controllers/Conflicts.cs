using System.Net;
using k8s.Autorest;

namespace Faros.Operator.Controllers;

/// <summary>Optimistic-concurrency helpers: an update that loses a race (409) reads again and retries.</summary>
public static class Conflicts
{
    /// <summary>Whether <paramref name="exception"/> is the API server's 409 Conflict.</summary>
    public static bool IsConflict(Exception exception) =>
        exception is HttpOperationException { Response.StatusCode: HttpStatusCode.Conflict };

    /// <summary>Whether <paramref name="exception"/> is the API server's 404 Not Found.</summary>
    public static bool IsNotFound(Exception exception) =>
        exception is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound };

    /// <summary>Runs <paramref name="attempt"/> (which must read what it changes) until it does not conflict, at most <paramref name="attempts"/> times.</summary>
    public static async Task<TResult> RetryAsync<TResult>(Func<CancellationToken, Task<TResult>> attempt, CancellationToken cancellationToken, int attempts = 5)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt(cancellationToken);
            }
            catch (HttpOperationException conflict) when (IsConflict(conflict) && i < attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * i), cancellationToken);
            }
        }
    }
}
