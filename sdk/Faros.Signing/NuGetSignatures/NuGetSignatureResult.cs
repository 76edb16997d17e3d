using System.Diagnostics.CodeAnalysis;

namespace Faros.Signing.NuGetSignatures;

/// <summary>Either the verified signer, or the reason the package was refused with a message naming the defect.</summary>
public sealed record NuGetSignatureResult
{
    private NuGetSignatureResult(NuGetVerifiedSigner? signer, NuGetSignatureFailureReason? failure, string message)
    {
        Signer = signer;
        Failure = failure;
        Message = message;
    }

    public NuGetVerifiedSigner? Signer { get; }

    public NuGetSignatureFailureReason? Failure { get; }

    public string Message { get; }

    [MemberNotNullWhen(true, nameof(Signer))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsVerified => Signer is not null;

    public static NuGetSignatureResult Verified(NuGetVerifiedSigner signer) =>
        new(signer, null, $"Signed by {signer.Subject} ({signer.Kind}, SHA-256 {signer.Sha256Fingerprint}).");

    public static NuGetSignatureResult Failed(NuGetSignatureFailureReason reason, string message) => new(null, reason, message);

    public override string ToString() => IsVerified ? Message : $"{Failure}: {Message}";
}
