using System.Text;
using Faros.Signing.Sigstore;
using Faros.Signing.Sigstore.Keys;
using Faros.Signing.Tests.SigstoreJs;

namespace Faros.Signing.Tests.Sigstore;

/// <summary>Bundles made by our keyed signer verify with sigstore-js (@sigstore/verify with the public key).</summary>
public sealed class KeyedInteropTests
{
    [OneTimeSetUp]
    public void RequireSigstoreJs() => NodeScripts.RequireInstalled();

    [Test]
    public async Task Our_keyed_bundle_verifies_with_sigstore_js_and_a_tampered_package_does_not()
    {
        using var directory = new TempDirectory("keyed-interop");
        using var key = SigstoreKeyPair.Generate();
        var package = new byte[8192];
        Random.Shared.NextBytes(package);
        var tampered = (byte[])package.Clone();
        tampered[100] ^= 0x01;
        var bundle = SigstoreSigner.Sign(package, key).ToJson();
        var paths = await directory.WriteAsync(
            ("Contoso.Thermostat.1.0.0.nupkg", package),
            ("Contoso.Thermostat.1.0.0.sigstore.json", bundle),
            ("cosign.pub", Encoding.UTF8.GetBytes(key.PublicKeyPem)),
            ("tampered.nupkg", tampered));

        var accepted = await NodeScripts.RunAsync("verify.cjs", paths[1], paths[0], "--key", paths[2]);
        var rejected = await NodeScripts.RunAsync("verify.cjs", paths[1], paths[3], "--key", paths[2]);

        Assert.Multiple(() =>
        {
            Assert.That(accepted.Succeeded, Is.True, accepted.ToString());
            Assert.That(rejected.Succeeded, Is.False, rejected.ToString());
            Assert.That(rejected.StandardError, Does.Contain("SIGNATURE_ERROR"));
        });
    }
}
