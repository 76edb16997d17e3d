using System.Text;
using Faros.Signing.Sigstore;
using Faros.Signing.Sigstore.Bundles;
using Faros.Signing.Sigstore.Keys;

namespace Faros.Signing.Tests.Sigstore;

public sealed class BundleParsingTests
{
    private static readonly byte[] Package = Encoding.UTF8.GetBytes("not really a nupkg, but bytes to sign");

    [Test]
    public void A_keyed_bundle_round_trips_through_v03_json()
    {
        using var key = SigstoreKeyPair.Generate();
        var bundle = SigstoreSigner.Sign(Package, key);

        var json = bundle.ToJson();
        var parsed = SigstoreBundle.Parse(json);

        Assert.Multiple(() =>
        {
            Assert.That(parsed.MediaType, Is.EqualTo(BundleMediaTypes.V03));
            Assert.That(parsed.IsKeyless, Is.False);
            Assert.That(parsed.PublicKeyHint, Is.EqualTo(key.Hint));
            Assert.That(parsed.MessageDigest.ToArray(), Is.EqualTo(System.Security.Cryptography.SHA256.HashData(Package)));
            Assert.That(parsed.Signature.ToArray(), Is.EqualTo(bundle.Signature.ToArray()));
            Assert.That(Encoding.UTF8.GetString(json), Does.Contain("\"tlogEntries\": []"));
        });
    }

    [Test]
    public void Older_media_types_with_a_certificate_chain_are_read()
    {
        var json = """
            {"mediaType":"application/vnd.dev.sigstore.bundle+json;version=0.1",
             "verificationMaterial":{"publicKey":{"hint":"abc"},"tlogEntries":[{"logIndex":"7","logId":{"keyId":"AAAA"},
               "kindVersion":{"kind":"hashedrekord","version":"0.0.1"},"integratedTime":1700000000,
               "inclusionPromise":{"signedEntryTimestamp":"AQID"},"canonicalizedBody":"e30="}]},
             "messageSignature":{"messageDigest":{"algorithm":"SHA2_256","digest":"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="},"signature":"AQID"}}
            """;

        var bundle = SigstoreBundle.Parse(json);

        Assert.Multiple(() =>
        {
            Assert.That(bundle.TransparencyLogEntries, Has.Length.EqualTo(1));
            Assert.That(bundle.TransparencyLogEntries[0].LogIndex, Is.EqualTo(7));
            Assert.That(bundle.TransparencyLogEntries[0].IntegratedTime, Is.EqualTo(1700000000));
            Assert.That(bundle.TransparencyLogEntries[0].SignedEntryTimestamp!.Value.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
        });
    }

    [TestCase("", "empty")]
    [TestCase("garbage", "not valid JSON")]
    [TestCase("[1,2]", "$ is an array, expected an object")]
    [TestCase("{\"mediaType\":\"application/json\"}", "not a Sigstore bundle media type")]
    [TestCase("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"}", "$.messageSignature is missing")]
    [TestCase("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"dsseEnvelope\":{}}", "DSSE envelope")]
    public void Garbage_is_named(string json, string expected)
    {
        var error = Assert.Throws<BundleFormatException>(() => SigstoreBundle.Parse(json));
        Assert.That(error!.Message, Does.Contain(expected));
    }

    [Test]
    public void Every_truncation_of_a_bundle_is_a_format_error()
    {
        using var key = SigstoreKeyPair.Generate();
        var json = SigstoreSigner.Sign(Package, key).ToJson();

        for (var length = 0; length < json.Length - 1; length += 7)
        {
            Assert.Throws<BundleFormatException>(() => SigstoreBundle.Parse(json.AsSpan(0, length)), $"truncated at {length}");
        }
    }
}
