using Faros.Api.Edge;
using Faros.Signing.Policy;

namespace Faros.Operator.EdgeAgents;

/// <summary>
/// How one spec.plugins[] entry resolved: a pinned status entry, or a condition reason and message. The trust
/// policy's verdict is there once a version was chosen and checked.
/// </summary>
public sealed record PluginResolution(PluginStatus Status, string? FailureReason)
{
    public bool Resolved => FailureReason is null;

    public TrustVerdict? Verdict { get; init; }

    public static PluginResolution Failure(PluginReference reference, string? package, string reason, string message) =>
        new(new PluginStatus { Name = reference.Name, Package = package, Phase = PluginPhases.Unresolved, Message = message }, reason);
}
