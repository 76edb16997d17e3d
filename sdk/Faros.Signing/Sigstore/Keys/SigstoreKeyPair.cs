using System.Security.Cryptography;

namespace Faros.Signing.Sigstore.Keys;

/// <summary>
/// A cosign-compatible ECDSA P-256 signing key: PEM "PUBLIC KEY" (SubjectPublicKeyInfo) and PEM "PRIVATE KEY"
/// (unencrypted PKCS#8). Keep the private key file readable only by its owner.
/// </summary>
public sealed class SigstoreKeyPair : IDisposable
{
    private readonly ECDsa _key;

    private SigstoreKeyPair(ECDsa key)
    {
        _key = key;
        SubjectPublicKeyInfo = key.ExportSubjectPublicKeyInfo();
    }

    public byte[] SubjectPublicKeyInfo { get; }

    public string Hint => PublicKeyHint.Of(SubjectPublicKeyInfo);

    public string PublicKeyPem => PemEncoding.WriteString("PUBLIC KEY", SubjectPublicKeyInfo);

    public string PrivateKeyPem => PemEncoding.WriteString("PRIVATE KEY", _key.ExportPkcs8PrivateKey());

    public static SigstoreKeyPair Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Loads a PEM private key: PKCS#8 "PRIVATE KEY" or SEC1 "EC PRIVATE KEY" on P-256.</summary>
    public static SigstoreKeyPair FromPrivateKeyPem(string pem)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new FormatException("The private key is not PEM: expected a '-----BEGIN PRIVATE KEY-----' block.");
        }

        var label = pem[fields.Label];
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        var key = ECDsa.Create();
        try
        {
            switch (label)
            {
                case "PRIVATE KEY":
                    key.ImportPkcs8PrivateKey(der, out _);
                    break;
                case "EC PRIVATE KEY":
                    key.ImportECPrivateKey(der, out _);
                    break;
                case "ENCRYPTED PRIVATE KEY" or "ENCRYPTED SIGSTORE PRIVATE KEY" or "ENCRYPTED COSIGN PRIVATE KEY":
                    throw new FormatException(
                        $"The private key is encrypted ('{label}'); export it unencrypted as PKCS#8 ('PRIVATE KEY'), or make a new pair with `kubectl faros keys generate`.");
                default:
                    throw new FormatException($"The PEM block is '{label}', expected 'PRIVATE KEY' (PKCS#8) or 'EC PRIVATE KEY'.");
            }
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new FormatException($"The private key is not an ECDSA key: {e.Message}", e);
        }
        catch
        {
            key.Dispose();
            throw;
        }

        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new FormatException($"The private key is ECDSA with a {key.KeySize}-bit curve; Sigstore keyed signing here uses P-256.");
        }

        return new SigstoreKeyPair(key);
    }

    /// <summary>An ASN.1 DER ECDSA signature over the SHA-256 <paramref name="digest"/> of the artifact.</summary>
    internal byte[] SignDigest(ReadOnlySpan<byte> digest) =>
        _key.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose() => _key.Dispose();
}
