namespace Faros.Api.Core;

/// <summary>Conditions a cluster agent writes on its core.faros.sh Agent.</summary>
public static class CoreAgentConditions
{
    /// <summary>The agent reads the cluster it runs in; the message carries what it learnt (the Kubernetes version).</summary>
    public const string TargetReachable = "TargetReachable";

    /// <summary>Reasons of <see cref="TargetReachable"/>.</summary>
    public static class Reasons
    {
        /// <summary>The cluster's API server answered.</summary>
        public const string Reachable = "Reachable";

        /// <summary>The cluster's API server did not answer.</summary>
        public const string Unreachable = "Unreachable";

        /// <summary>Neither in a pod nor given --target-kubeconfig: nothing to read.</summary>
        public const string NoTargetAccess = "NoTargetAccess";
    }
}
