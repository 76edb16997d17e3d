using System.Net;
using System.Text.Json.Nodes;
using Faros.Registry.Tests.Infrastructure;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore;

namespace Faros.Registry.Tests.Signing;

/// <summary>
/// The registry enforces the trust policy at push: a plugin signed by an allowed key (a Sigstore bundle sent as a
/// second part of the push) is stored with its bundle and its signer shown in search and registrations; a bundle by
/// another key is refused with 403, a broken or missing signature with 400, and nothing is stored; warn and off rules
/// let packages in; non-plugin packages are unchecked by default. A bundle can also be attached to a stored package.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class PushTrustTests(RegistrySetup setup) : RegistryFixture(setup)
{
    private readonly PushTrustPolicy _policy = new();

    protected override IReadOnlyDictionary<string, string> Configuration => _policy.Settings;

    [OneTimeTearDown]
    public void DisposePolicy() => _policy.Dispose();

    [Test]
    public async Task A_plugin_signed_by_an_allowed_key_is_stored_with_its_bundle_and_signer()
    {
        var package = Plugin("Trusted");
        var bundle = SigstoreSigner.Sign(package.Content, _policy.TrustedKey).ToJson();

        using var response = await Publish.PushWithBundleAsync(package.Content, bundle, AdminKey);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());

        var expectedIdentity = new SigstoreVerifier().Verify(SignedPackage.Read(package.Content, bundle), [PublicKeySigner.FromPem(_policy.TrustedKey.PublicKeyPem)]).Signer!.DisplayName;
        var hit = await SearchHitAsync(package.Id, verifiedOnly: false);
        var entry = await CatalogEntryAsync(package);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(hit?["signer"]?["identity"]?.GetValue<string>(), Is.EqualTo(expectedIdentity));
            Assert.That(hit?["signer"]?["verified"]?.GetValue<bool>(), Is.True);
            Assert.That(hit?["signer"]?["kind"]?.GetValue<string>(), Is.EqualTo("sigstore"));
            Assert.That(await SearchHitAsync(package.Id, verifiedOnly: true), Is.Not.Null, "verified=true finds it");
            Assert.That(entry["signer"]?["identity"]?.GetValue<string>(), Is.EqualTo(expectedIdentity));
            Assert.That(entry["signer"]?["verified"]?.GetValue<bool>(), Is.True);
            Assert.That(entry["sigstoreBundle"]?.GetValue<string>(), Does.EndWith($"/v3/package/{package.LowerId}/{package.LowerVersion}/{package.LowerId}.{package.LowerVersion}.sigstore.json"));
        }

        // The flat container serves the bundle next to the nupkg, cacheable like it, and it verifies over the served bytes.
        using var served = await Http.GetAsync(BundlePath(package));
        var servedBundle = await served.Content.ReadAsByteArrayAsync();
        var nupkg = await Http.GetByteArrayAsync($"v3/package/{package.LowerId}/{package.LowerVersion}/{package.LowerId}.{package.LowerVersion}.nupkg");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(servedBundle, Is.EqualTo(bundle));
            Assert.That(served.Headers.CacheControl?.ToString(), Does.Contain("immutable"));
            Assert.That(served.Headers.ETag, Is.Not.Null);
            Assert.That(nupkg, Is.EqualTo(package.Content), "a package pushed with a bundle is stored as sent");
            var verdict = new TrustPolicyEvaluator(TrustPolicy.Load(_policy.Path), [new SigstoreVerifier()]).Evaluate(SignedPackage.Read(nupkg, servedBundle));
            Assert.That(verdict.Decision, Is.EqualTo(TrustDecision.Allowed), verdict.ToString());
        }

        using var revalidation = new HttpRequestMessage(HttpMethod.Get, BundlePath(package));
        revalidation.Headers.IfNoneMatch.Add(served.Headers.ETag!);
        using var notModified = await Http.SendAsync(revalidation);
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task A_bundle_from_a_key_the_rule_does_not_allow_is_refused_with_403_and_nothing_is_stored()
    {
        var package = Plugin("Trusted");
        var bundle = SigstoreSigner.Sign(package.Content, _policy.UnknownKey).ToJson();

        var problem = await RefusedAsync(package, package.Content, bundle, 403);

        Assert.That(problem.Detail, Does.Contain(nameof(SignatureFailure.UnknownKey)).And.Contain("not an allowed public key"));
    }

    [Test]
    public async Task A_package_changed_after_signing_is_refused_with_400_naming_the_digest_mismatch()
    {
        var signed = Plugin("Trusted");
        var bundle = SigstoreSigner.Sign(signed.Content, _policy.TrustedKey).ToJson();
        var tampered = PackageTampering.FlipFirstContentByte(signed.Content);

        var problem = await RefusedAsync(signed, tampered, bundle, 400);

        Assert.That(problem.Detail, Does.Contain(nameof(SignatureFailure.DigestMismatch)));
    }

    [Test]
    public async Task A_garbage_bundle_is_refused_with_400_naming_it_malformed()
    {
        var package = Plugin("Trusted");

        var problem = await RefusedAsync(package, package.Content, "{\"mediaType\": 42"u8.ToArray(), 400);

        Assert.That(problem.Detail, Does.Contain(nameof(SignatureFailure.BundleMalformed)));
    }

    [Test]
    public async Task A_bundle_over_the_size_limit_is_refused_with_413()
    {
        var package = Plugin("Trusted");
        var oversized = new byte[(1024 * 1024) + 1];
        Array.Fill(oversized, (byte)' ');

        var problem = await RefusedAsync(package, package.Content, oversized, 413);

        Assert.That(problem.Detail, Does.Contain("Sigstore bundle is larger than"));
    }

    [Test]
    public async Task An_unsigned_plugin_is_refused_with_400_and_told_how_to_sign_it()
    {
        foreach (var package in new[] { Plugin("Trusted"), Plugin("NoRule") })
        {
            using var response = await Publish.PushAsync(package.Content, AdminKey);
            var problem = await ProblemResponse.ReadAsync(response);

            Assert.That(problem.Status, Is.EqualTo(400), problem.ToString());
            Assert.That(problem.Detail, Does.Contain(nameof(SignatureFailure.SignatureMissing))
                .And.Contain("kubectl faros plugins publish").And.Contain("dotnet nuget sign"));
            await AssertNothingStoredAsync(package);
        }
    }

    [Test]
    public async Task A_warn_rule_accepts_an_unsigned_plugin_with_a_warning_and_no_verified_signer()
    {
        var package = Plugin("Warned");

        using var response = await Publish.PushAsync(package.Content, AdminKey);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        Assert.That(body["warning"]?.GetValue<string>(), Does.Contain("warn").And.Contain(nameof(SignatureFailure.SignatureMissing)));
        Assert.That(response.Headers.TryGetValues("X-NuGet-Warning", out var warnings) ? warnings.Single() : null,
            Does.Contain(nameof(SignatureFailure.SignatureMissing)), "dotnet nuget push prints X-NuGet-Warning");
        var hit = await SearchHitAsync(package.Id, verifiedOnly: false);
        Assert.That(hit, Is.Not.Null);
        Assert.That(hit!["signer"], Is.Null);
        Assert.That(await SearchHitAsync(package.Id, verifiedOnly: true), Is.Null, "verified=true leaves it out");
        Assert.That(await FeedJson.StatusAsync(Http, BundlePath(package)), Is.EqualTo(404));
    }

    [Test]
    public async Task An_off_rule_and_the_default_for_non_plugins_accept_unsigned_packages()
    {
        var unchecked_ = Plugin("Unchecked");
        var library = TestPackages.Create(UniqueIds.For("Library"), "1.0.0");

        using var plugin = await Publish.PushAsync(unchecked_.Content, AdminKey);
        using var other = await Publish.PushAsync(library.Content, AdminKey);

        Assert.That(plugin.StatusCode, Is.EqualTo(HttpStatusCode.Created), await plugin.Content.ReadAsStringAsync());
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Created), await other.Content.ReadAsStringAsync());
        Assert.That(JsonNode.Parse(await other.Content.ReadAsStringAsync())!["warning"], Is.Null);
    }

    [Test]
    public async Task A_bundle_attached_to_a_stored_package_is_verified_then_served_and_recorded()
    {
        var package = Plugin("Warned");
        using (var pushed = await Publish.PushAsync(package.Content, AdminKey))
        {
            Assert.That(pushed.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var served = await Http.GetByteArrayAsync($"v3/package/{package.LowerId}/{package.LowerVersion}/{package.LowerId}.{package.LowerVersion}.nupkg");
        using (var unknown = await Publish.AttachBundleAsync(package.Id, "1.0.0", SigstoreSigner.Sign(served, _policy.UnknownKey).ToJson(), AdminKey))
        {
            var problem = await ProblemResponse.ReadAsync(unknown);
            Assert.That(problem.Status, Is.EqualTo(403), problem.ToString());
        }

        Assert.That(await FeedJson.StatusAsync(Http, BundlePath(package)), Is.EqualTo(404), "a refused bundle is not stored");

        var bundle = SigstoreSigner.Sign(served, _policy.TrustedKey).ToJson();
        using (var attached = await Publish.AttachBundleAsync(package.Id, "1.0.0", bundle, AdminKey))
        {
            Assert.That(attached.StatusCode, Is.EqualTo(HttpStatusCode.Created), await attached.Content.ReadAsStringAsync());
        }

        Assert.That(await Http.GetByteArrayAsync(BundlePath(package)), Is.EqualTo(bundle));
        var hit = await SearchHitAsync(package.Id, verifiedOnly: true);
        Assert.That(hit?["signer"]?["verified"]?.GetValue<bool>(), Is.True, "the attached bundle proves an allowed signer");
        Assert.That((await CatalogEntryAsync(package))["signer"]?["verified"]?.GetValue<bool>(), Is.True, "registrations are rebuilt");

        using var again = await Publish.AttachBundleAsync(package.Id, "1.0.0", bundle, AdminKey);
        Assert.That((int)again.StatusCode, Is.EqualTo(409));
        using var missing = await Publish.AttachBundleAsync(UniqueIds.For("Absent"), "1.0.0", bundle, AdminKey);
        Assert.That((int)missing.StatusCode, Is.EqualTo(404));
        using var anonymous = await Publish.AttachBundleAsync(package.Id, "1.0.0", bundle, apiKey: null);
        Assert.That((int)anonymous.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task Under_an_off_rule_any_bundle_can_be_attached_and_no_signer_is_recorded()
    {
        var package = Plugin("Unchecked");
        using (var pushed = await Publish.PushAsync(package.Content, AdminKey))
        {
            Assert.That(pushed.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var bundle = SigstoreSigner.Sign(package.Content, _policy.UnknownKey).ToJson();
        using (var attached = await Publish.AttachBundleAsync(package.Id, "1.0.0", bundle, AdminKey))
        {
            Assert.That(attached.StatusCode, Is.EqualTo(HttpStatusCode.Created), await attached.Content.ReadAsStringAsync());
        }

        Assert.That(await Http.GetByteArrayAsync(BundlePath(package)), Is.EqualTo(bundle));
        var entry = await CatalogEntryAsync(package);
        Assert.That(entry["signer"], Is.Null, "an unchecked bundle proves nobody");
        Assert.That(entry["sigstoreBundle"], Is.Not.Null);
    }

    private static TestPackage Plugin(string stem) =>
        TestPackages.Build(new TestPackageSpec(UniqueIds.For(stem), "1.0.0") { PackageTypes = [TrustPolicy.FarosPluginPackageType] });

    private static string BundlePath(TestPackage package) =>
        $"v3/package/{package.LowerId}/{package.LowerVersion}/{package.LowerId}.{package.LowerVersion}.sigstore.json";

    private async Task<JsonNode?> SearchHitAsync(string id, bool verifiedOnly)
    {
        var search = await FeedJson.GetAsync(Http, $"v3/search?q=packageid:{id}&packageType=FarosPlugin{(verifiedOnly ? "&verified=true" : "")}");
        return search["data"]!.AsArray().SingleOrDefault(hit => hit!["id"]!.GetValue<string>() == id);
    }

    private async Task<JsonNode> CatalogEntryAsync(TestPackage package)
    {
        var index = await FeedJson.GetAsync(Http, $"v3/registration/{package.LowerId}/index.json");
        return index["items"]!.AsArray().SelectMany(page => page!["items"]!.AsArray()).Single()!["catalogEntry"]!;
    }

    /// <summary>Pushes <paramref name="nupkg"/> (a version of <paramref name="package"/>) with a bundle, expecting a refusal that stores nothing.</summary>
    private async Task<ProblemResponse> RefusedAsync(TestPackage package, byte[] nupkg, byte[] bundle, int status)
    {
        using var response = await Publish.PushWithBundleAsync(nupkg, bundle, AdminKey);
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.That(problem.Status, Is.EqualTo(status), problem.ToString());
        await AssertNothingStoredAsync(package);
        return problem;
    }

    private async Task AssertNothingStoredAsync(TestPackage package)
    {
        Assert.That(await FeedJson.StatusAsync(Http, $"v3/package/{package.LowerId}/index.json"), Is.EqualTo(404));
        Assert.That(await StoredFilesMentioningAsync(package.LowerId), Is.Empty);
    }
}
