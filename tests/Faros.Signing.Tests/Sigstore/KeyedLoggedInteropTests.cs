using System.Text;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore;
using Faros.Signing.Sigstore.Bundles;
using Faros.Signing.Sigstore.Keys;
using Faros.Signing.Sigstore.Trust;
using Faros.Signing.Tests.SigstoreJs;
using static Faros.Signing.Tests.Sigstore.BundleTampering;

namespace Faros.Signing.Tests.Sigstore;

/// <summary>
/// A keyed bundle whose signature sigstore-js logged in the mock Rekor: with a trusted root the log entry is verified
/// too (SET, inclusion proof, checkpoint, and a body naming this key).
/// </summary>
public sealed class KeyedLoggedInteropTests
{
    private SigstoreKeyPair _key = null!;
    private byte[] _package = null!;
    private byte[] _bundle = null!;
    private byte[] _trustedRoot = null!;

    [OneTimeSetUp]
    public async Task SignWithSigstoreJs()
    {
        NodeScripts.RequireInstalled();
        _key = SigstoreKeyPair.Generate();
        _package = TestPackages.Build(new TestPackageSpec("Contoso.Thermostat", "1.0.0") { PackageTypes = ["FarosPlugin"] }).Content;
        using var directory = new TempDirectory("keyed-logged");
        var paths = await directory.WriteAsync(("package.nupkg", _package), ("faros.key", Encoding.UTF8.GetBytes(_key.PrivateKeyPem)));

        var signed = await NodeScripts.RunAsync("sign-keyed-logged.cjs", paths[0], directory.Path, paths[1], _key.Hint);

        Assert.That(signed.Succeeded, Is.True, signed.ToString());
        _bundle = await File.ReadAllBytesAsync(Path.Combine(directory.Path, "bundle.json"));
        _trustedRoot = await File.ReadAllBytesAsync(Path.Combine(directory.Path, "trusted_root.json"));
    }

    [OneTimeTearDown]
    public void DisposeKey() => _key.Dispose();

    private SignatureVerification Verify(byte[] bundle) =>
        new SigstoreVerifier(TrustedRoot.Parse(_trustedRoot)).Verify(SigstoreBundle.Parse(bundle), _package, [PublicKeySigner.FromPem(_key.PublicKeyPem)]);

    [Test]
    public void The_logged_keyed_bundle_verifies_with_its_log_entry()
    {
        var bundle = SigstoreBundle.Parse(_bundle);
        var result = Verify(_bundle);

        Assert.Multiple(() =>
        {
            Assert.That(bundle.PublicKeyHint, Is.EqualTo(_key.Hint));
            Assert.That(bundle.TransparencyLogEntries, Has.Length.EqualTo(1));
            Assert.That(result.IsVerified, Is.True, result.ToString());
            Assert.That(result.Signer!.PublicKey!.Value.ToArray(), Is.EqualTo(_key.SubjectPublicKeyInfo));
        });
    }

    [Test]
    public void A_broken_log_entry_of_a_keyed_bundle_is_refused_when_a_trusted_root_is_pinned()
    {
        var set = Verify(Edit(_bundle, b => FlipBase64(FirstEntry(b)["inclusionPromise"]!, "signedEntryTimestamp", -4)));
        var proof = Verify(Edit(_bundle, b => FlipBase64(FirstEntry(b)["inclusionProof"]!, "rootHash")));

        Assert.Multiple(() =>
        {
            Assert.That(set.Failure, Is.EqualTo(SignatureFailure.SetInvalid), set.ToString());
            Assert.That(proof.Failure, Is.EqualTo(SignatureFailure.InclusionProofInvalid), proof.ToString());
        });
    }

    [Test]
    public void The_log_entry_must_name_the_signing_key()
    {
        // Another allowed key re-signs the package and borrows the log entry, which records the first key.
        using var other = SigstoreKeyPair.Generate();
        var resigned = SigstoreBundle.Parse(_bundle) with { Signature = SigstoreSigner.Sign(_package, other).Signature, PublicKeyHint = other.Hint };

        var result = new SigstoreVerifier(TrustedRoot.Parse(_trustedRoot)).Verify(
            resigned, _package, [PublicKeySigner.FromPem(other.PublicKeyPem), PublicKeySigner.FromPem(_key.PublicKeyPem)]);

        Assert.That(result.Failure, Is.EqualTo(SignatureFailure.TlogEntryMismatch), result.ToString());
    }
}
