using System.Security.Cryptography;
using System.Text;
using Faros.Signing.Sigstore.Transparency;
using Faros.Signing.Sigstore.Trust;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Faros.Signing.Tests.Sigstore;

/// <summary>
/// Signed-note checkpoints from an Ed25519 log (Go note key hints) and an ECDSA log (Rekor v1 key-id hints). The
/// sigstore-js mock only signs with ECDSA, so Ed25519 is exercised here with keys made in the test.
/// </summary>
public sealed class SignedCheckpointTests
{
    private const string Body = "log.example.com - 42\n5\nJ1U7fA3xkQ9Wf8dyJjH0c2VjcmV0IHJvb3QgaGFzaCB4eHg=\n";

    [Test]
    public void An_ed25519_checkpoint_verifies_with_its_note_key_hint_and_fails_when_changed()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var raw = ((Ed25519PublicKeyParameters)pair.Public).GetEncoded();
        var spki = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded();
        var signer = new Ed25519Signer();
        signer.Init(true, pair.Private);
        var message = Encoding.UTF8.GetBytes(Body);
        signer.BlockUpdate(message, 0, message.Length);
        var signature = signer.GenerateSignature();
        var hint = SHA256.HashData([.. Encoding.UTF8.GetBytes("log.example.com\n"), 0x01, .. raw])[..4];
        var log = Log(spki);

        var checkpoint = SignedCheckpoint.Parse($"{Body}\n\u2014 log.example.com {Convert.ToBase64String([.. hint, .. signature])}\n");
        var changed = SignedCheckpoint.Parse($"{Body.Replace("\n5\n", "\n6\n", StringComparison.Ordinal)}\n\u2014 log.example.com {Convert.ToBase64String([.. hint, .. signature])}\n");

        Assert.Multiple(() =>
        {
            Assert.That(checkpoint.TreeSize, Is.EqualTo(5));
            Assert.That(checkpoint.IsSignedBy(log), Is.True);
            Assert.That(changed.IsSignedBy(log), Is.False);
        });
    }

    [Test]
    public void An_ecdsa_checkpoint_verifies_by_key_id_hint_and_not_with_another_key()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = key.ExportSubjectPublicKeyInfo();
        var signature = key.SignData(Encoding.UTF8.GetBytes(Body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var checkpoint = SignedCheckpoint.Parse($"{Body}\n\u2014 log.example.com {Convert.ToBase64String([.. SHA256.HashData(spki)[..4], .. signature])}\n");

        Assert.Multiple(() =>
        {
            Assert.That(checkpoint.IsSignedBy(Log(spki)), Is.True);
            Assert.That(checkpoint.IsSignedBy(Log(other.ExportSubjectPublicKeyInfo())), Is.False);
        });
    }

    [TestCase("no blank line\n1\nAAAA\n", "blank line")]
    [TestCase("origin\nx\nAAAA\n\n\u2014 o AAAAAAAA\n", "tree size")]
    [TestCase("origin\n1\nAAAA\n\n", "no signature")]
    [TestCase("origin\n1\nAAAA\n\n- o AAAAAAAA\n", "does not start with")]
    public void Malformed_checkpoints_are_named(string envelope, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SignedCheckpoint.Parse(envelope));
        Assert.That(error!.Message, Does.Contain(expected));
    }

    private static TransparencyLog Log(byte[] spki)
    {
        var key = VerificationKey.FromSubjectPublicKeyInfo(spki);
        return new TransparencyLog("https://log.example.com", key, key.KeyId, new TimeRange(DateTimeOffset.MinValue, null));
    }
}
