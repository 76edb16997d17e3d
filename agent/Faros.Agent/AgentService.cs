using Microsoft.Extensions.Hosting;

namespace Faros.Agent;

/// <summary>Runs the <see cref="AgentLoop"/> for the process's lifetime and stops every plugin on shutdown.</summary>
internal sealed class AgentService(AgentLoop loop) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => loop.RunAsync(stoppingToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await loop.DisposeAsync().ConfigureAwait(false);
    }
}
