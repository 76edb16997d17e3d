namespace Faros.PluginHost.Verification;

/// <summary>The answer of an <see cref="IPluginTrustCheck"/>.</summary>
public sealed record TrustDecision
{
    private TrustDecision(bool allowed, string? signer, string? reason)
    {
        IsAllowed = allowed;
        Signer = signer;
        Reason = reason;
    }

    /// <summary>True when the package may run.</summary>
    public bool IsAllowed { get; }

    /// <summary>Who vouched for the package (a certificate subject, an identity, a policy name) when allowed.</summary>
    public string? Signer { get; }

    /// <summary>Why the package was refused, naming the fix where there is one.</summary>
    public string? Reason { get; }

    /// <summary>Allows the package on <paramref name="signer"/>'s word.</summary>
    public static TrustDecision Allow(string signer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signer);
        return new TrustDecision(true, signer, null);
    }

    /// <summary>Refuses the package for <paramref name="reason"/>.</summary>
    public static TrustDecision Refuse(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new TrustDecision(false, null, reason);
    }
}
