using Faros.Operator.Controllers;
using Faros.Operator.LeaderElection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faros.Operator.Hosting;

/// <summary>Runs every controller, but only while this replica holds the leader Lease (when election is on).</summary>
public sealed class OperatorService : BackgroundService
{
    private readonly IReadOnlyList<IController> _controllers;
    private readonly LeaseElector? _elector;
    private readonly ILogger<OperatorService> _logger;

    public OperatorService(IEnumerable<IController> controllers, IOptions<OperatorOptions> options, IServiceProvider services, ILogger<OperatorService> logger)
    {
        _controllers = controllers.ToList();
        _logger = logger;
        _elector = options.Value.LeaderElection ? services.GetRequiredService<LeaseElector>() : null;
    }

    /// <summary>Whether controllers run here now.</summary>
    public bool IsLeading => _elector?.IsLeader ?? true;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _elector is null ? RunControllersAsync(stoppingToken) : _elector.RunAsync(RunControllersAsync, stoppingToken);

    private async Task RunControllersAsync(CancellationToken cancellationToken)
    {
        _logger.LogInformation("Starting {Count} controllers: {Kinds}", _controllers.Count, string.Join(", ", _controllers.Select(c => c.Kind)));
        await Task.WhenAll(_controllers.Select(controller => controller.RunAsync(cancellationToken)));
    }
}
