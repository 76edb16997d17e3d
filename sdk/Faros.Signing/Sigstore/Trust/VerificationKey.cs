using System.Formats.Asn1;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Faros.Signing.Sigstore.Trust;

/// <summary>
/// A public key from a DER SubjectPublicKeyInfo that verifies signatures over messages: ECDSA P-256/P-384
/// (DER signatures, SHA-256/SHA-384), RSA PKCS#1 v1.5 with SHA-256, and Ed25519 (through BouncyCastle, which
/// .NET lacks). Transparency logs, CT logs and keyed bundles all sign with one of these.
/// </summary>
internal sealed class VerificationKey
{
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string Ed25519Oid = "1.3.101.112";

    private readonly byte[] _subjectPublicKeyInfo;
    private readonly string _algorithm;

    private VerificationKey(byte[] subjectPublicKeyInfo, string algorithm)
    {
        _subjectPublicKeyInfo = subjectPublicKeyInfo;
        _algorithm = algorithm;
        KeyId = SHA256.HashData(subjectPublicKeyInfo);
    }

    public ReadOnlyMemory<byte> SubjectPublicKeyInfo => _subjectPublicKeyInfo;

    /// <summary>SHA-256 of the DER SubjectPublicKeyInfo: how Rekor and CT logs name their keys.</summary>
    public ReadOnlyMemory<byte> KeyId { get; }

    public bool IsEd25519 => _algorithm == Ed25519Oid;

    /// <exception cref="FormatException">The bytes are not a SubjectPublicKeyInfo of a supported algorithm.</exception>
    public static VerificationKey FromSubjectPublicKeyInfo(ReadOnlySpan<byte> der)
    {
        string algorithm;
        try
        {
            var reader = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
            var spki = reader.ReadSequence();
            algorithm = spki.ReadSequence().ReadObjectIdentifier();
        }
        catch (AsnContentException e)
        {
            throw new FormatException($"Not a DER SubjectPublicKeyInfo: {e.Message}", e);
        }

        if (algorithm is not (EcPublicKeyOid or RsaOid or Ed25519Oid))
        {
            throw new FormatException($"Unsupported public key algorithm {algorithm} (supported: ECDSA, RSA, Ed25519).");
        }

        var key = new VerificationKey(der.ToArray(), algorithm);
        key.Verify([], []); // Fails now on a malformed key, not at the first verification.
        return key;
    }

    /// <summary>Whether <paramref name="signature"/> is this key's signature over <paramref name="message"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        switch (_algorithm)
        {
            case EcPublicKeyOid:
            {
                using var ecdsa = Import(ECDsa.Create());
                var hash = ecdsa.KeySize > 256 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
                return !signature.IsEmpty && ecdsa.VerifyData(message, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
            }

            case RsaOid:
            {
                using var rsa = Import(RSA.Create());
                return !signature.IsEmpty && rsa.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }

            default:
            {
                var reader = new AsnReader(_subjectPublicKeyInfo, AsnEncodingRules.DER).ReadSequence();
                reader.ReadSequence();
                var raw = reader.ReadBitString(out _);
                if (raw.Length != Ed25519PublicKeyParameters.KeySize)
                {
                    throw new FormatException($"An Ed25519 public key has 32 bytes, not {raw.Length}.");
                }

                var verifier = new Ed25519Signer();
                verifier.Init(false, new Ed25519PublicKeyParameters(raw));
                var bytes = message.ToArray();
                verifier.BlockUpdate(bytes, 0, bytes.Length);
                return !signature.IsEmpty && verifier.VerifySignature(signature.ToArray());
            }
        }
    }

    /// <summary>Verifies an ECDSA/RSA signature over a precomputed SHA-256 digest (a hashedrekord message signature).</summary>
    public bool VerifyDigest(ReadOnlySpan<byte> sha256Digest, ReadOnlySpan<byte> signature)
    {
        switch (_algorithm)
        {
            case EcPublicKeyOid:
            {
                using var ecdsa = Import(ECDsa.Create());
                return ecdsa.VerifyHash(sha256Digest, signature, DSASignatureFormat.Rfc3279DerSequence);
            }

            case RsaOid:
            {
                using var rsa = Import(RSA.Create());
                return rsa.VerifyHash(sha256Digest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }

            default:
                // Ed25519 signs the message itself, never a digest; such a bundle cannot be checked against a digest.
                return false;
        }
    }

    private T Import<T>(T algorithm)
        where T : AsymmetricAlgorithm
    {
        try
        {
            algorithm.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
            return algorithm;
        }
        catch (CryptographicException e)
        {
            algorithm.Dispose();
            throw new FormatException($"Malformed public key: {e.Message}", e);
        }
    }
}
