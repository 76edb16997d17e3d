using Faros.PluginHost.Verification;
using Faros.Sdk;
using Faros.Sdk.Reconciliation;

namespace Faros.PluginHost.Supervision;

/// <summary>One plugin's state at a moment, as the agent writes it into its Agent's status.</summary>
/// <param name="Id">Package id.</param>
/// <param name="Version">The version this phase is about: the one being installed, or the one running.</param>
/// <param name="Phase">Lifecycle phase.</param>
/// <param name="Message">What is happening or what went wrong, for people.</param>
/// <param name="Refusal">The named reason when verification refused the package.</param>
/// <param name="Signer">Who the trust check said vouched for the running package.</param>
/// <param name="Health">The last health check's answer while running.</param>
/// <param name="Report">The plugin's own last status report.</param>
/// <param name="Restarts">How many times the plugin was restarted after failing.</param>
/// <param name="Since">When the phase or message last changed.</param>
public sealed record PluginSnapshot(
    string Id,
    string Version,
    PluginPhase Phase,
    string Message,
    RefusalReason? Refusal,
    string? Signer,
    PluginHealth? Health,
    PluginStatusReport? Report,
    int Restarts,
    DateTimeOffset Since)
{
    /// <summary>The kinds the running instance reconciles.</summary>
    public IReadOnlyList<ResourceKind> Kinds { get; init; } = [];
}
