using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore;
using Faros.Signing.Sigstore.Trust;
using Faros.Signing.Tests.SigstoreJs;
using static Faros.Signing.Tests.Sigstore.BundleTampering;

namespace Faros.Signing.Tests.Sigstore;

/// <summary>Each kind of damage to a sigstore-js keyless bundle fails with its own named reason.</summary>
public sealed class KeylessTamperingTests
{
    private KeylessBundles _made = null!;

    [OneTimeSetUp]
    public async Task MakeBundles() => _made = await KeylessBundles.GetAsync();

    private SignatureVerification Verify(byte[] bundle, byte[]? package = null, byte[]? trustedRoot = null, TimeProvider? time = null) =>
        new SigstoreVerifier(TrustedRoot.Parse(trustedRoot ?? _made.TrustedRoot), time)
            .Verify(new SignedPackage("Contoso.Thermostat", ["FarosPlugin"], package ?? _made.Package, bundle), []);

    [Test]
    public void The_untouched_bundle_verifies() =>
        Assert.That(Verify(_made.Bundle).IsVerified, Is.True, Verify(_made.Bundle).ToString());

    [Test]
    public void A_byte_flipped_in_the_package_is_a_digest_mismatch()
    {
        var package = (byte[])_made.Package.Clone();
        package[package.Length / 2] ^= 0x80;
        Assert.That(Verify(_made.Bundle, package).Failure, Is.EqualTo(SignatureFailure.DigestMismatch));
    }

    [Test]
    public void A_byte_flipped_in_the_signature_is_an_invalid_signature() =>
        Assert.That(Verify(Edit(_made.Bundle, b => FlipBase64(b["messageSignature"]!, "signature", -3))).Failure,
            Is.EqualTo(SignatureFailure.SignatureInvalid));

    [Test]
    public void A_byte_flipped_in_the_inclusion_proof_is_an_invalid_inclusion_proof() =>
        Assert.That(Verify(Edit(_made.Bundle, b => FlipBase64(FirstEntry(b)["inclusionProof"]!, "rootHash"))).Failure,
            Is.EqualTo(SignatureFailure.InclusionProofInvalid));

    [Test]
    public void An_extra_hash_in_the_audit_path_is_an_invalid_inclusion_proof() =>
        Assert.That(Verify(Edit(_made.Bundle, b => FirstEntry(b)["inclusionProof"]!["hashes"] = new JsonArray(Convert.ToBase64String(new byte[32])))).Failure,
            Is.EqualTo(SignatureFailure.InclusionProofInvalid));

    [Test]
    public void A_byte_changed_in_the_checkpoint_is_an_invalid_checkpoint()
    {
        var tampered = Edit(_made.Bundle, b =>
        {
            var checkpoint = FirstEntry(b)["inclusionProof"]!["checkpoint"]!;
            var envelope = checkpoint["envelope"]!.GetValue<string>();
            var at = envelope.IndexOf("Timestamp: ", StringComparison.Ordinal) + "Timestamp: ".Length;
            checkpoint["envelope"] = envelope[..at] + (envelope[at] == '1' ? '2' : '1') + envelope[(at + 1)..];
        });

        Assert.That(Verify(tampered).Failure, Is.EqualTo(SignatureFailure.CheckpointInvalid));
    }

    [Test]
    public void A_byte_flipped_in_the_checkpoint_signature_is_an_invalid_checkpoint()
    {
        var tampered = Edit(_made.Bundle, b =>
        {
            var checkpoint = FirstEntry(b)["inclusionProof"]!["checkpoint"]!;
            var lines = checkpoint["envelope"]!.GetValue<string>().Split('\n');
            var signatureLine = Array.FindIndex(lines, line => line.StartsWith('\u2014'));
            var parts = lines[signatureLine].Split(' ');
            var blob = Convert.FromBase64String(parts[2]);
            blob[^2] ^= 0x01;
            lines[signatureLine] = $"{parts[0]} {parts[1]} {Convert.ToBase64String(blob)}";
            checkpoint["envelope"] = string.Join('\n', lines);
        });

        Assert.That(Verify(tampered).Failure, Is.EqualTo(SignatureFailure.CheckpointInvalid));
    }

    [Test]
    public void A_byte_flipped_in_the_inclusion_promise_is_an_invalid_set() =>
        Assert.That(Verify(Edit(_made.Bundle, b => FlipBase64(FirstEntry(b)["inclusionPromise"]!, "signedEntryTimestamp", -4))).Failure,
            Is.EqualTo(SignatureFailure.SetInvalid));

    [Test]
    public void A_changed_integrated_time_is_an_invalid_set() =>
        Assert.That(Verify(Edit(_made.Bundle, b => FirstEntry(b)["integratedTime"] = "1700000000")).Failure,
            Is.EqualTo(SignatureFailure.SetInvalid));

    [Test]
    public void A_certificate_outside_its_validity_without_a_trusted_time_is_expired()
    {
        var untimed = Edit(_made.Bundle, b => b["verificationMaterial"]!["tlogEntries"] = new JsonArray());

        var result = Verify(untimed, time: new FixedTime(DateTimeOffset.UtcNow.AddHours(1)));

        Assert.That(result.Failure, Is.EqualTo(SignatureFailure.CertificateExpired), result.ToString());
    }

    [Test]
    public void A_keyless_bundle_without_a_log_entry_is_refused_even_while_its_certificate_is_valid()
    {
        var untimed = Edit(_made.Bundle, b => b["verificationMaterial"]!["tlogEntries"] = new JsonArray());
        Assert.That(Verify(untimed).Failure, Is.EqualTo(SignatureFailure.TlogEntryMismatch));
    }

    [Test]
    public void A_certificate_from_a_ca_outside_the_trusted_root_is_untrusted()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=sigstore,O=sigstore.mock", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var otherCa = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var root = Edit(_made.TrustedRoot, r =>
            r["certificateAuthorities"]![0]!["certChain"]!["certificates"]![0]!["rawBytes"] = Convert.ToBase64String(otherCa.RawData));

        Assert.That(Verify(_made.Bundle, trustedRoot: root).Failure, Is.EqualTo(SignatureFailure.CertificateChainUntrusted));
    }

    [Test]
    public void An_sct_from_a_log_outside_the_trusted_root_is_invalid()
    {
        using var otherLog = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var root = Edit(_made.TrustedRoot, r =>
            r["ctlogs"]![0]!["publicKey"]!["rawBytes"] = Convert.ToBase64String(otherLog.ExportSubjectPublicKeyInfo()));

        Assert.That(Verify(_made.Bundle, trustedRoot: root).Failure, Is.EqualTo(SignatureFailure.SctInvalid));
    }

    [Test]
    public void A_log_missing_from_the_trusted_root_is_refused()
    {
        var root = Edit(_made.TrustedRoot, r => r["tlogs"] = new JsonArray());
        Assert.That(Verify(_made.Bundle, trustedRoot: root).Failure, Is.EqualTo(SignatureFailure.TlogEntryMismatch));
    }

    [Test]
    public void A_truncated_bundle_is_malformed() =>
        Assert.That(Verify(_made.Bundle[..(_made.Bundle.Length * 2 / 3)]).Failure, Is.EqualTo(SignatureFailure.BundleMalformed));

    [Test]
    public void A_garbage_bundle_is_malformed()
    {
        var garbage = new byte[512];
        Random.Shared.NextBytes(garbage);
        var result = Verify(garbage);
        Assert.That(result.Failure, Is.EqualTo(SignatureFailure.BundleMalformed), result.ToString());
    }

    [Test]
    public void A_missing_bundle_is_a_missing_signature() =>
        Assert.That(
            new SigstoreVerifier(TrustedRoot.Parse(_made.TrustedRoot)).Verify(new SignedPackage("Contoso.Thermostat", [], _made.Package), []).Failure,
            Is.EqualTo(SignatureFailure.SignatureMissing));

    [TestCase(false)]
    [TestCase(true)]
    public void No_single_byte_change_anywhere_in_the_bundle_throws_or_changes_the_signer(bool withTimestamp)
    {
        var (bundle, root) = withTimestamp ? (_made.BundleWithTimestamp, _made.TrustedRootWithTimestamp) : (_made.Bundle, _made.TrustedRoot);
        var expected = Verify(bundle, trustedRoot: root).Signer!.DisplayName;
        var failures = new HashSet<SignatureFailure>();
        for (var position = 0; position < bundle.Length; position += 2)
        {
            var damaged = (byte[])bundle.Clone();
            damaged[position] = damaged[position] == (byte)'A' ? (byte)'B' : (byte)'A';

            var result = Verify(damaged, trustedRoot: root);

            if (result.IsVerified)
            {
                // Bytes the verifier rightly ignores (the bundle's copy of the CA, key names) may change freely.
                Assert.That(result.Signer!.DisplayName, Is.EqualTo(expected), $"byte {position}");
            }
            else
            {
                failures.Add(result.Failure!.Value);
            }
        }

        // A changed signature breaks the timestamp over it before the signature itself is checked.
        var signatureDamage = withTimestamp ? SignatureFailure.TimestampInvalid : SignatureFailure.SignatureInvalid;
        Assert.That(failures, Is.SupersetOf(new[] { SignatureFailure.BundleMalformed, SignatureFailure.SetInvalid, signatureDamage }));
    }

    [Test]
    public void A_byte_flipped_in_the_rfc3161_timestamp_is_an_invalid_timestamp()
    {
        var tampered = Edit(_made.BundleWithTimestamp, b =>
            FlipBase64(b["verificationMaterial"]!["timestampVerificationData"]!["rfc3161Timestamps"]![0]!, "signedTimestamp", -5));

        var result = Verify(tampered, trustedRoot: _made.TrustedRootWithTimestamp);

        Assert.That(result.Failure, Is.EqualTo(SignatureFailure.TimestampInvalid), result.ToString());
    }

    [Test]
    public void A_timestamp_from_an_authority_outside_the_trusted_root_is_an_invalid_timestamp()
    {
        var root = Edit(_made.TrustedRootWithTimestamp, r => r["timestampAuthorities"] = new JsonArray());
        Assert.That(Verify(_made.BundleWithTimestamp, trustedRoot: root).Failure, Is.EqualTo(SignatureFailure.TimestampInvalid));
    }
}
