namespace Faros.PluginHost.Fetching;

/// <summary>A package could not be downloaded (after retries where retrying made sense).</summary>
public sealed class PluginFetchException(string message, int attempts, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>How many requests were made.</summary>
    public int Attempts { get; } = attempts;
}
