namespace Faros.Operator.EdgeAgents;

/// <summary>A trust policy's verdict on one package version.</summary>
/// <param name="Allowed">Whether devices may install it.</param>
/// <param name="Signer">Who signed it, as shown in status; null when unsigned or unknown.</param>
/// <param name="Reason">Why it was rejected (for status messages).</param>
public sealed record TrustDecision(bool Allowed, string? Signer, string? Reason)
{
    public static TrustDecision Allow(string? signer) => new(true, signer, null);

    public static TrustDecision Reject(string reason) => new(false, null, reason);
}
