using System.Net;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace Faros.Agent;

/// <summary>
/// Tells the agent loop when its Agent object changed: list, then watch from the list's resourceVersion (resumed
/// after each bounded watch, listed again on 410 Gone), reconnecting with <see cref="AgentOptions.HubBackoff"/>
/// while the hub is away. Every (re)list also signals, since changes may have been missed meanwhile.
/// </summary>
internal sealed class AgentWatch(IListWatch<EdgeAgent> agents, AgentOptions options, TimeProvider time, ILogger logger, Action changed)
{
    private string? _resourceVersion;

    /// <summary>Lists done so far (1 + one per 410 Gone or reconnect after a failure).</summary>
    public int Lists { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (_resourceVersion is null)
                {
                    await ListAsync(cancellationToken).ConfigureAwait(false);
                }

                await WatchOnceAsync(cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (IsGone(exception))
            {
                logger.LogInformation("Watch of Agent {Namespace}/{Name} from resourceVersion {ResourceVersion} expired (410 Gone); listing again",
                    options.Namespace, options.Name, _resourceVersion);
                _resourceVersion = null;
            }
            catch (Exception exception)
            {
                failures++;
                var delay = options.HubBackoff.DelayAfter(failures);
                logger.LogWarning("Watching Agent {Namespace}/{Name} failed ({Error}, {Failures} in a row); reconnecting in {Delay}",
                    options.Namespace, options.Name, exception.Message, failures, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    // The device's Role names only its own Agent (resourceNames), which authorizes a list or watch only with this selector.
    private string OwnAgent => $"metadata.name={options.Name}";

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        string? continueToken = null;
        do
        {
            var page = await agents.ListPageAsync(options.Namespace, 500, continueToken, cancellationToken, OwnAgent).ConfigureAwait(false);
            continueToken = page.Metadata.ContinueProperty;
            _resourceVersion = page.Metadata.ResourceVersion;
        }
        while (!string.IsNullOrEmpty(continueToken));

        Lists++;
        changed();
    }

    private async Task WatchOnceAsync(CancellationToken cancellationToken)
    {
        Exception? error = null;
        var timeoutSeconds = (int)Math.Max(1, options.WatchTimeout.TotalSeconds);
        await foreach (var (type, resource) in agents.WatchAsync(options.Namespace, _resourceVersion!, timeoutSeconds, exception => error ??= exception, cancellationToken, OwnAgent)
            .ConfigureAwait(false))
        {
            if (resource.Metadata?.ResourceVersion is { Length: > 0 } version)
            {
                _resourceVersion = version;
            }

            if (type != WatchEventType.Bookmark && resource.Metadata?.Name == options.Name)
            {
                changed();
            }

            if (error is not null)
            {
                break;
            }
        }

        if (error is not null)
        {
            throw error;
        }
    }

    private static bool IsGone(Exception exception) => exception switch
    {
        KubernetesException kubernetes => kubernetes.Status?.Code == (int)HttpStatusCode.Gone,
        HttpOperationException http => http.Response.StatusCode == HttpStatusCode.Gone,
        _ => false,
    };
}
