using System.Reflection;

namespace Faros.Agent;

/// <summary>
/// The agent's command line: short switches (what a container's args use) mapped onto the <c>Agent</c> settings,
/// plus any <c>--Agent:Setting=value</c>. Anything else is refused at start-up, so that a manifest whose args drifted
/// from the agent fails loudly instead of running on defaults.
/// </summary>
public static class AgentCommandLine
{
    /// <summary>Short switches and the settings they set.</summary>
    public static IReadOnlyDictionary<string, string> Switches { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["--mode"] = "Agent:Mode",
        ["--kubeconfig"] = "Agent:Kubeconfig",
        ["--hub-kubeconfig"] = "Agent:Kubeconfig",
        ["--name"] = "Agent:Name",
        ["--namespace"] = "Agent:Namespace",
        ["--heartbeat-interval"] = "Agent:HeartbeatInterval",
        ["--target-kubeconfig"] = "Agent:TargetKubeconfig",
        ["--hub-kubeconfig-secret"] = "Agent:HubKubeconfigSecret",
        ["--trust-policy"] = "Agent:TrustPolicy",
        ["--trust-policy-resource"] = "Agent:TrustPolicyResource",
        ["--registry"] = "Agent:Registry",
    };

    // Settings of the .NET host itself and of its logging are legitimate on any host's command line.
    private static readonly string[] HostPrefixes = ["Logging:", "environment", "contentRoot", "applicationName"];

    private static readonly HashSet<string> Settings = typeof(AgentOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(property => property.CanWrite)
        .Select(property => property.Name)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every argument the agent would not understand, each with what to use instead; empty when all are fine.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var problems = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var argument = args[i];
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? argument : argument[..equals];
            var hasValue = equals >= 0 || (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal));
            if (!key.StartsWith("--", StringComparison.Ordinal) || !hasValue)
            {
                problems.Add($"'{argument}' is not a '--setting value' pair.");
            }
            else if (!Known(key))
            {
                problems.Add($"'{key}' is not an agent setting; use one of {string.Join(", ", Switches.Keys)} or --Agent:Setting=value.");
            }

            if (equals < 0 && hasValue && key.StartsWith("--", StringComparison.Ordinal))
            {
                i++;
            }
        }

        return problems;
    }

    private static bool Known(string key)
    {
        if (Switches.ContainsKey(key))
        {
            return true;
        }

        var setting = key[2..];
        if (setting.StartsWith("Agent:", StringComparison.OrdinalIgnoreCase))
        {
            var name = setting["Agent:".Length..];
            var colon = name.IndexOf(':', StringComparison.Ordinal);
            return Settings.Contains(colon < 0 ? name : name[..colon]);
        }

        return HostPrefixes.Any(prefix => setting.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }
}
