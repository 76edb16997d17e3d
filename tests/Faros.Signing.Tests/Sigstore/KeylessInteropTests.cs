using Faros.Signing.Policy;
using Faros.Signing.Sigstore;
using Faros.Signing.Sigstore.Bundles;
using Faros.Signing.Sigstore.Trust;
using Faros.Signing.Tests.SigstoreJs;

namespace Faros.Signing.Tests.Sigstore;

/// <summary>Bundles made by sigstore-js (keyless, against @sigstore/mock on loopback) verify with our verifier.</summary>
public sealed class KeylessInteropTests
{
    [Test]
    public async Task A_sigstore_js_keyless_bundle_verifies_offline_against_the_pinned_trusted_root()
    {
        var made = await KeylessBundles.GetAsync();

        var result = new SigstoreVerifier(TrustedRoot.Parse(made.TrustedRoot)).Verify(SigstoreBundle.Parse(made.Bundle), made.Package, []);

        Assert.That(result.IsVerified, Is.True, result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.Signer!.Issuer, Is.EqualTo(KeylessBundles.Issuer));
            Assert.That(result.Signer.SubjectAlternativeName, Is.EqualTo(KeylessBundles.Subject));
            Assert.That(result.Signer.DisplayName, Is.EqualTo($"{KeylessBundles.Subject} ({KeylessBundles.Issuer})"));
            Assert.That(result.Signer.CertificateFingerprints, Has.Length.EqualTo(2), "leaf and the mock Fulcio root");
        });
    }

    [Test]
    public async Task A_bundle_with_an_rfc3161_timestamp_verifies()
    {
        var made = await KeylessBundles.GetAsync();
        var bundle = SigstoreBundle.Parse(made.BundleWithTimestamp);

        var result = new SigstoreVerifier(TrustedRoot.Parse(made.TrustedRootWithTimestamp)).Verify(bundle, made.Package, []);

        Assert.That(bundle.Rfc3161Timestamps, Has.Length.EqualTo(1));
        Assert.That(result.IsVerified, Is.True, result.ToString());
    }

    [Test]
    public async Task Our_v03_rewrite_of_a_keyless_bundle_verifies_with_sigstore_js()
    {
        var made = await KeylessBundles.GetAsync();
        using var directory = new TempDirectory("sigstore-js-verify");
        var rewritten = SigstoreBundle.Parse(made.Bundle).ToJson();
        var paths = await directory.WriteAsync(("bundle.json", rewritten), ("package.nupkg", made.Package), ("trusted_root.json", made.TrustedRoot));

        var accepted = await NodeScripts.RunAsync("verify.cjs", paths[0], paths[1], "--trusted-root", paths[2],
            "--san", KeylessBundles.Subject, "--issuer", KeylessBundles.Issuer);
        var wrongSan = await NodeScripts.RunAsync("verify.cjs", paths[0], paths[1], "--trusted-root", paths[2],
            "--san", "https://github.com/mallory/x");

        Assert.Multiple(() =>
        {
            Assert.That(SigstoreBundle.Parse(rewritten).MediaType, Is.EqualTo(BundleMediaTypes.V03));
            Assert.That(accepted.Succeeded, Is.True, accepted.ToString());
            Assert.That(wrongSan.Succeeded, Is.False, "sigstore-js must reject a SAN the policy does not name");
        });
    }
}
