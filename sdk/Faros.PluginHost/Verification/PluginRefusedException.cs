namespace Faros.PluginHost.Verification;

/// <summary>A package failed verification; nothing from it was loaded.</summary>
public sealed class PluginRefusedException(string packageName, RefusalReason reason, string detail)
    : Exception($"{packageName} refused ({reason}): {detail}")
{
    /// <summary>"Id Version" of the refused package.</summary>
    public string PackageName { get; } = packageName;

    /// <summary>The named reason.</summary>
    public RefusalReason Reason { get; } = reason;

    /// <summary>What exactly was wrong.</summary>
    public string Detail { get; } = detail;
}
