using Faros.Signing.Policy;

namespace Faros.Signing.Sigstore;

/// <summary>A verification step failed; carries the named reason. Internal: callers get a <see cref="SignatureVerification"/>.</summary>
internal sealed class SigstoreVerificationException(SignatureFailure failure, string message) : Exception(message)
{
    public SignatureFailure Failure { get; } = failure;
}
