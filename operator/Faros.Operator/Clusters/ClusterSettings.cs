namespace Faros.Operator.Clusters;

/// <summary>How Clusters are reconciled.</summary>
/// <param name="PollWhileNotReady">How often a cluster without a fresh heartbeat is checked again.</param>
public sealed record ClusterSettings(TimeSpan PollWhileNotReady);
