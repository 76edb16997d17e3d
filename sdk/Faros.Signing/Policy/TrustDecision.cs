namespace Faros.Signing.Policy;

/// <summary>What to do with a package.</summary>
public enum TrustDecision
{
    /// <summary>Signed by an allowed signer, or not subject to checks (mode off).</summary>
    Allowed,

    /// <summary>The check failed under a warn rule: proceed, but surface the reason.</summary>
    Warned,

    /// <summary>The check failed under a require rule: refuse to store, resolve or load it.</summary>
    Denied,
}
