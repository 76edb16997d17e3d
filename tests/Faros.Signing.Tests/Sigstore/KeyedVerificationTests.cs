using System.Text;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore;
using Faros.Signing.Sigstore.Keys;

namespace Faros.Signing.Tests.Sigstore;

public sealed class KeyedVerificationTests
{
    private static readonly byte[] Package = Encoding.UTF8.GetBytes("PK\u0003\u0004 a package's bytes");

    [Test]
    public void A_signature_verifies_with_the_signers_public_key()
    {
        using var key = SigstoreKeyPair.Generate();
        var bundle = SigstoreSigner.Sign(Package, key);

        var result = new SigstoreVerifier().Verify(bundle, Package, [PublicKeySigner.FromPem(key.PublicKeyPem)]);

        Assert.That(result.IsVerified, Is.True, result.ToString());
        Assert.That(result.Signer!.PublicKey!.Value.ToArray(), Is.EqualTo(key.SubjectPublicKeyInfo));
    }

    [Test]
    public void Keys_survive_pem_export_and_import()
    {
        using var original = SigstoreKeyPair.Generate();
        using var reloaded = SigstoreKeyPair.FromPrivateKeyPem(original.PrivateKeyPem);

        var bundle = SigstoreSigner.Sign(new MemoryStream(Package), reloaded);

        Assert.Multiple(() =>
        {
            Assert.That(reloaded.PublicKeyPem, Is.EqualTo(original.PublicKeyPem));
            Assert.That(original.PublicKeyPem, Does.StartWith("-----BEGIN PUBLIC KEY-----"));
            Assert.That(original.PrivateKeyPem, Does.StartWith("-----BEGIN PRIVATE KEY-----"));
            Assert.That(new SigstoreVerifier().Verify(bundle, Package, [PublicKeySigner.FromPem(original.PublicKeyPem)]).IsVerified);
        });
    }

    [Test]
    public void Encrypted_private_keys_are_refused_with_the_fix()
    {
        var error = Assert.Throws<FormatException>(() =>
            SigstoreKeyPair.FromPrivateKeyPem("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----"));
        Assert.That(error!.Message, Does.Contain("unencrypted"));
    }

    [Test]
    public void Tampering_fails_with_its_own_reason()
    {
        using var key = SigstoreKeyPair.Generate();
        using var otherKey = SigstoreKeyPair.Generate();
        var allowed = new AllowedSigner[] { PublicKeySigner.FromPem(key.PublicKeyPem) };
        var bundle = SigstoreSigner.Sign(Package, key);
        var verifier = new SigstoreVerifier();

        var flippedPackage = (byte[])Package.Clone();
        flippedPackage[10] ^= 0x01;
        var flippedSignature = bundle.Signature.ToArray();
        flippedSignature[^1] ^= 0x01;

        Assert.Multiple(() =>
        {
            Assert.That(verifier.Verify(bundle, flippedPackage, allowed).Failure, Is.EqualTo(SignatureFailure.DigestMismatch));
            Assert.That(verifier.Verify(bundle with { Signature = flippedSignature }, Package, allowed).Failure, Is.EqualTo(SignatureFailure.SignatureInvalid));
            Assert.That(verifier.Verify(SigstoreSigner.Sign(Package, otherKey), Package, allowed).Failure, Is.EqualTo(SignatureFailure.UnknownKey));
            Assert.That(verifier.Verify(bundle, Package, []).Failure, Is.EqualTo(SignatureFailure.UnknownKey));
            // A forged hint naming the allowed key does not help a signature by another key.
            Assert.That(verifier.Verify(SigstoreSigner.Sign(Package, otherKey) with { PublicKeyHint = key.Hint }, Package, allowed).Failure,
                Is.EqualTo(SignatureFailure.SignatureInvalid));
        });
    }
}
