namespace Faros.Operator.HubPlugins;

/// <summary>The condition the operator writes on an edge Agent whose pinned plugins include hub-side ones.</summary>
public static class HubPluginConditions
{
    /// <summary>True when every hub-side plugin the Agent pins runs in the operator.</summary>
    public const string HubPluginsReady = "HubPluginsReady";

    /// <summary>Reasons of <see cref="HubPluginsReady"/>.</summary>
    public static class Reasons
    {
        /// <summary>Every hub-side plugin runs.</summary>
        public const string Running = "Running";

        /// <summary>At least one is downloading, verifying or starting.</summary>
        public const string Starting = "Starting";

        /// <summary>At least one was refused or failed (it is retried with backoff).</summary>
        public const string Failed = "Failed";

        /// <summary>The registry could not say which side a pinned plugin runs on.</summary>
        public const string RegistryUnavailable = "RegistryUnavailable";
    }
}
