using Faros.Sdk.Reconciliation;

namespace Faros.Operator.Controllers;

/// <summary>A controller the operator runs while it leads.</summary>
public interface IController
{
    /// <summary>The kind it reconciles.</summary>
    ResourceKind Kind { get; }

    /// <summary>Watches and reconciles until cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
