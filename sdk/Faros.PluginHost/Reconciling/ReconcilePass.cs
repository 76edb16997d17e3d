using Faros.Sdk.Reconciliation;

namespace Faros.PluginHost.Reconciling;

/// <summary>One reconcile of one resource by its plugin.</summary>
/// <param name="Outcome">The result, and when to run again (the runner's backoff after failures).</param>
/// <param name="ResourceJson">The resource after the pass, its status filled in, for the caller to write back.</param>
public sealed record ReconcilePass(ReconcileOutcome Outcome, string ResourceJson);
