namespace Faros.Signing.Policy;

/// <summary>The outcome of one <see cref="ISignatureVerifier"/>: a verified signer, a named failure, or no signature.</summary>
public sealed record SignatureVerification
{
    private SignatureVerification(SignerIdentity? signer, SignatureFailure? failure, string? message)
    {
        Signer = signer;
        Failure = failure;
        Message = message;
    }

    /// <summary>The signer proven by the signature; null unless <see cref="IsVerified"/>.</summary>
    public SignerIdentity? Signer { get; }

    /// <summary>Why verification failed; null when verified.</summary>
    public SignatureFailure? Failure { get; }

    /// <summary>A sentence naming the defect (and the fix where there is one).</summary>
    public string? Message { get; }

    public bool IsVerified => Signer is not null;

    public static SignatureVerification Verified(SignerIdentity signer) => new(signer, null, null);

    public static SignatureVerification Failed(SignatureFailure failure, string message) => new(null, failure, message);

    public static SignatureVerification Missing(string message) => new(null, SignatureFailure.SignatureMissing, message);

    public override string ToString() => IsVerified ? $"Verified: {Signer}" : $"{Failure}: {Message}";
}
