using NuGet.Versioning;

namespace Faros.Operator.EdgeAgents;

/// <summary>How edge Agents are reconciled.</summary>
/// <param name="ReResolveInterval">How often resolved references are checked again, so floating ranges pick up new versions.</param>
/// <param name="PollWhileDisconnected">How often a disconnected agent's Lease is read again.</param>
/// <param name="SdkVersion">The Faros.Sdk version this hub offers plugins.</param>
public sealed record EdgeAgentSettings(TimeSpan ReResolveInterval, TimeSpan PollWhileDisconnected, NuGetVersion SdkVersion);
