using System.Security.Cryptography;
using System.Formats.Asn1;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore.Trust;

namespace Faros.Signing.Sigstore.Certificates;

/// <summary>Verifies an RFC 3161 timestamp over the bundle's signature against the trusted root's timestamp authorities.</summary>
internal static class TimestampVerifier
{
    /// <summary>The time the timestamp authority vouches the signature existed at.</summary>
    public static DateTimeOffset Verify(ReadOnlyMemory<byte> token, ReadOnlySpan<byte> signature, TrustedRoot root)
    {
        if (!Rfc3161TimestampToken.TryDecode(TokenOf(token), out var decoded, out _))
        {
            throw new SigstoreVerificationException(SignatureFailure.TimestampInvalid, "An RFC 3161 timestamp in the bundle is not a timestamp token.");
        }

        var candidates = new X509Certificate2Collection();
        foreach (var authority in root.TimestampAuthorities)
        {
            candidates.AddRange(authority.Chain.ToArray());
        }

        X509Certificate2? signer;
        bool verified;
        try
        {
            verified = decoded.VerifySignatureForData(signature, out signer, candidates);
        }
        catch (CryptographicException e)
        {
            throw new SigstoreVerificationException(SignatureFailure.TimestampInvalid, $"An RFC 3161 timestamp is malformed: {e.Message}");
        }

        if (!verified || signer is null)
        {
            throw new SigstoreVerificationException(SignatureFailure.TimestampInvalid,
                "An RFC 3161 timestamp does not cover the bundle's signature or its signature does not verify.");
        }

        var time = decoded.TokenInfo.Timestamp;
        try
        {
            CertificateChainVerifier.Verify(signer, root.TimestampAuthorities, time, CertificateChainVerifier.TimeStampingOid, "timestamp authority");
        }
        catch (SigstoreVerificationException e)
        {
            throw new SigstoreVerificationException(SignatureFailure.TimestampInvalid, e.Message);
        }

        return time;
    }

    /// <summary>
    /// Bundles carry the whole TimeStampResp (RFC 3161 §2.4.2: status, then the token); older producers stored the
    /// bare token. Either way, the token is returned; a response whose status is not granted yields nothing usable.
    /// </summary>
    private static ReadOnlyMemory<byte> TokenOf(ReadOnlyMemory<byte> data)
    {
        try
        {
            var response = new AsnReader(data, AsnEncodingRules.BER).ReadSequence();
            if (response.PeekTag() != Asn1Tag.Sequence)
            {
                return data; // A ContentInfo starts with its content type OID: a bare token.
            }

            var status = response.ReadSequence();
            if (!status.TryReadInt32(out var granted) || granted is not (0 or 1))
            {
                throw new SigstoreVerificationException(SignatureFailure.TimestampInvalid,
                    $"The timestamp authority refused the request (status {granted}); the bundle's timestamp holds no token.");
            }

            return response.HasData ? response.ReadEncodedValue() : ReadOnlyMemory<byte>.Empty;
        }
        catch (AsnContentException)
        {
            return data;
        }
    }
}
