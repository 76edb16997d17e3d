namespace Faros.Signing.Policy;

/// <summary>How strictly a trust rule applies.</summary>
public enum PolicyMode
{
    /// <summary>A valid signature by an allowed signer is required; anything else is denied.</summary>
    Require,

    /// <summary>Checked like <see cref="Require"/>, but a failure is reported (warned), not enforced.</summary>
    Warn,

    /// <summary>Not checked.</summary>
    Off,
}
