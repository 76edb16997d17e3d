using System.Security.Cryptography;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore.Bundles;
using Faros.Signing.Sigstore.Trust;

namespace Faros.Signing.Sigstore.Transparency;

/// <summary>
/// Verifies a bundle's Rekor entry offline: the signed entry timestamp (SET), the RFC 6962 inclusion proof to the
/// root hash, and the signed checkpoint for that root; then that the entry's body describes the bundle's
/// digest, signature and key.
/// </summary>
internal static class TransparencyLogVerifier
{
    /// <summary>Checks the entry's log signatures; returns the integrated time when a verified SET vouches for it.</summary>
    public static DateTimeOffset? VerifyInclusion(TransparencyLogEntry entry, TrustedRoot root)
    {
        var log = root.FindLog(entry.LogId.Span)
            ?? throw new SigstoreVerificationException(SignatureFailure.TlogEntryMismatch,
                $"The transparency-log entry names log {Convert.ToHexStringLower(entry.LogId.Span)}, which is not in the trusted root.");

        if (entry.SignedEntryTimestamp is null && entry.InclusionProof is null)
        {
            throw new SigstoreVerificationException(SignatureFailure.InclusionProofInvalid,
                $"The transparency-log entry {entry.LogIndex} has neither an inclusion proof nor an inclusion promise.");
        }

        DateTimeOffset? integratedTime = null;
        if (entry.SignedEntryTimestamp is { } set)
        {
            var time = DateTimeOffset.FromUnixTimeSeconds(entry.IntegratedTime);
            if (!log.ValidFor.Contains(time) || !log.Key.Verify(SignedEntryTimestamp.Payload(entry), set.Span))
            {
                throw new SigstoreVerificationException(SignatureFailure.SetInvalid,
                    $"The inclusion promise (SET) of log entry {entry.LogIndex} does not verify with the key of log {log.BaseUrl}.");
            }

            integratedTime = time;
        }

        if (entry.InclusionProof is { } proof)
        {
            VerifyProof(entry, proof, log);
        }

        return integratedTime;
    }

    private static void VerifyProof(TransparencyLogEntry entry, InclusionProof proof, TransparencyLog log)
    {
        var computed = MerkleTree.RootFromInclusionProof(
            proof.LogIndex, proof.TreeSize, MerkleTree.LeafHash(entry.CanonicalizedBody.Span), proof.Hashes);
        if (computed is null || !CryptographicOperations.FixedTimeEquals(computed, proof.RootHash.Span))
        {
            throw new SigstoreVerificationException(SignatureFailure.InclusionProofInvalid,
                $"The inclusion proof of log entry {entry.LogIndex} (leaf {proof.LogIndex} of {proof.TreeSize}) does not lead to root hash {Convert.ToHexStringLower(proof.RootHash.Span)}.");
        }

        SignedCheckpoint checkpoint;
        try
        {
            checkpoint = SignedCheckpoint.Parse(proof.Checkpoint);
        }
        catch (FormatException e)
        {
            throw new SigstoreVerificationException(SignatureFailure.CheckpointInvalid, $"The checkpoint of log entry {entry.LogIndex} is malformed: {e.Message}");
        }

        if (!checkpoint.IsSignedBy(log))
        {
            throw new SigstoreVerificationException(SignatureFailure.CheckpointInvalid,
                $"The checkpoint of log entry {entry.LogIndex} is not signed by the key of log {log.BaseUrl}.");
        }

        if (checkpoint.TreeSize != proof.TreeSize || !checkpoint.RootHash.AsSpan().SequenceEqual(proof.RootHash.Span))
        {
            throw new SigstoreVerificationException(SignatureFailure.CheckpointInvalid,
                $"The checkpoint of log entry {entry.LogIndex} is for a tree of {checkpoint.TreeSize} with another root hash than the inclusion proof's.");
        }
    }

    /// <summary>Requires the entry to be a hashedrekord of exactly this digest, signature and signer key or certificate.</summary>
    public static void VerifyBody(TransparencyLogEntry entry, SigstoreBundle bundle, ReadOnlySpan<byte> signerDer, bool signerIsCertificate)
    {
        HashedRekordBody body;
        try
        {
            body = HashedRekordBody.Parse(entry.CanonicalizedBody.Span);
        }
        catch (FormatException e)
        {
            throw new SigstoreVerificationException(SignatureFailure.TlogEntryMismatch, e.Message);
        }

        if (entry.Kind != "hashedrekord" || entry.KindVersion != "0.0.1")
        {
            throw new SigstoreVerificationException(SignatureFailure.TlogEntryMismatch,
                $"The log entry says it is '{entry.Kind}' {entry.KindVersion} but its body is a hashedrekord 0.0.1.");
        }

        if (!body.Sha256.AsSpan().SequenceEqual(bundle.MessageDigest.Span))
        {
            throw new SigstoreVerificationException(SignatureFailure.TlogEntryMismatch, "The log entry records another artifact digest than the bundle's.");
        }

        if (!body.Signature.AsSpan().SequenceEqual(bundle.Signature.Span))
        {
            throw new SigstoreVerificationException(SignatureFailure.TlogEntryMismatch, "The log entry records another signature than the bundle's.");
        }

        var label = signerIsCertificate ? "CERTIFICATE" : "PUBLIC KEY";
        if (!PemEncoding.TryFind(body.PublicKeyPem, out var fields)
            || body.PublicKeyPem[fields.Label] != label
            || !Convert.FromBase64String(body.PublicKeyPem[fields.Base64Data]).AsSpan().SequenceEqual(signerDer))
        {
            throw new SigstoreVerificationException(SignatureFailure.TlogEntryMismatch,
                $"The log entry records another {(signerIsCertificate ? "certificate" : "public key")} than the bundle's signer.");
        }
    }
}
