using Faros.Api.Edge;
using Faros.Sdk.Reconciliation;
using Faros.Signing.Policy;
using Reasons = Faros.Api.Edge.EdgeAgentConditions.Reasons;

namespace Faros.Operator.EdgeAgents;

/// <summary>The PluginsVerified condition of an edge Agent, from the trust verdicts of its chosen plugin versions.</summary>
public sealed record PluginVerification(string Status, string Reason, string Message)
{
    /// <summary>Reason of a Denied verdict that names no signature failure (the package itself is unreadable).</summary>
    public const string PackageUnreadable = "PackageUnreadable";

    public static PluginVerification Of(IReadOnlyList<PluginResolution> resolutions)
    {
        var checkedPlugins = resolutions.Where(r => r.Verdict is not null).ToList();
        var denied = checkedPlugins.Where(r => r.Verdict!.Decision == TrustDecision.Denied).ToList();
        if (denied.Count > 0)
        {
            return new(ConditionStatus.False, denied[0].Verdict!.Reason?.ToString() ?? PackageUnreadable, Describe(denied));
        }

        var warned = checkedPlugins.Where(r => r.Verdict!.Decision == TrustDecision.Warned).ToList();
        if (warned.Count > 0)
        {
            return new(ConditionStatus.True, Reasons.Warned, Describe(warned));
        }

        return new(ConditionStatus.True, Reasons.Verified, checkedPlugins.Count == 0
            ? "no plugin version to verify."
            : string.Join(" ", checkedPlugins.Select(r => $"{r.Status.Name}: {r.Verdict!.Signer?.DisplayName ?? "not checked (rule off)"}.")));
    }

    private static string Describe(IEnumerable<PluginResolution> failed) =>
        string.Join(" ", failed.Select(r => $"{r.Status.Name}: {r.Verdict}"));
}
