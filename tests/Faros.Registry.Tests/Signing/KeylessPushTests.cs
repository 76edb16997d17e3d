using System.Net;
using System.Text.Json.Nodes;
using Faros.Registry.Tests.Infrastructure;
using Faros.Signing.Policy;

namespace Faros.Registry.Tests.Signing;

/// <summary>
/// Keyless Sigstore bundles made by sigstore-js against @sigstore/mock's Fulcio and Rekor on loopback, pushed as a
/// part of the push to a registry holding the mock's trusted root: accepted when the policy allows the certificate's
/// OIDC identity (issuer and SAN) for the id, refused with 403 when it does not, and the identity recorded for search.
/// </summary>
[TestFixture]
public sealed class KeylessPushTests
{
    private const string Issuer = "https://token.actions.githubusercontent.com";
    private const string Subject = "https://github.com/contoso/thermostat/.github/workflows/release.yml@refs/tags/v1.0.0";
    private readonly TempDirectory _directory = new("keyless-push");
    private TestPackage _allowed = null!;
    private TestPackage _stranger = null!;
    private byte[] _allowedBundle = null!;
    private byte[] _strangerBundle = null!;
    private RegistryProcess? _registry;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task SignAndStartRegistryAsync()
    {
        if (SigstoreJs.Missing() is { } missing)
        {
            throw RequiredService.Missing(missing.Message);
        }

        _allowed = Plugin("KeylessContoso");
        _stranger = Plugin("KeylessFabrikam");
        var (allowed, stranger) = (await SignAsync(_allowed, "allowed"), await SignAsync(_stranger, "stranger"));
        (_allowedBundle, _strangerBundle) = (allowed.Bundle, stranger.Bundle);

        // Each mock session has its own Fulcio CA and Rekor key; one trusted root may list several of each.
        var trustedRoot = Path.Combine(_directory.Path, "trusted_root.json");
        await File.WriteAllTextAsync(trustedRoot, Merge(allowed.TrustedRoot, stranger.TrustedRoot).ToJsonString());
        var policy = TestTrustPolicy.Write(_directory.Path, $$"""
            rules:
              - packages: ["Faros.Tests.KeylessContoso*"]
                signers:
                  - sigstore: { issuer: "{{Issuer}}", subject: "{{Subject}}" }
              - packages: ["Faros.Tests.KeylessFabrikam*"]
                signers:
                  - sigstore: { issuer: "{{Issuer}}", subjectRegex: 'https://github\.com/fabrikam/.*' }
            """);
        _registry = await RegistryProcess.StartAsync(new Dictionary<string, string>
        {
            [RegistryProcess.TrustPolicySetting] = policy,
            ["Signing__TrustedRootPath"] = trustedRoot,
        });
        _http = _registry.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http?.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        _directory.Dispose();
    }

    [Test]
    public async Task A_keyless_bundle_from_an_allowed_identity_is_accepted_and_its_identity_is_recorded_for_search()
    {
        using var response = await new PackagePublishClient(_http).PushWithBundleAsync(_allowed.Content, _allowedBundle, _registry!.BootstrapApiKey);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());

        var search = await FeedJson.GetAsync(_http, $"v3/search?q=packageid:{_allowed.Id}&packageType=FarosPlugin&verified=true");
        var hit = search["data"]!.AsArray().SingleOrDefault(h => h!["id"]!.GetValue<string>() == _allowed.Id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(hit, Is.Not.Null, "verified=true finds the keyless-signed plugin");
            Assert.That(hit?["signer"]?["kind"]?.GetValue<string>(), Is.EqualTo("sigstore"));
            Assert.That(hit?["signer"]?["verified"]?.GetValue<bool>(), Is.True);
            Assert.That(hit?["signer"]?["identity"]?.GetValue<string>(), Does.Contain(Subject).And.Contain(Issuer), "the OIDC identity, not a key");
        }
    }

    [Test]
    public async Task A_keyless_bundle_from_an_identity_the_rule_does_not_allow_is_refused_with_403_and_nothing_is_stored()
    {
        using var response = await new PackagePublishClient(_http).PushWithBundleAsync(_stranger.Content, _strangerBundle, _registry!.BootstrapApiKey);
        var problem = await ProblemResponse.ReadAsync(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.Status, Is.EqualTo(403), problem.ToString());
            Assert.That(problem.Detail, Does.Contain(nameof(SignatureFailure.IdentityMismatch)).And.Contain(Subject), problem.ToString());
            Assert.That(await FeedJson.StatusAsync(_http, $"v3/package/{_stranger.LowerId}/index.json"), Is.EqualTo(404));
        }
    }

    private async Task<(byte[] Bundle, JsonObject TrustedRoot)> SignAsync(TestPackage package, string name)
    {
        var directory = Path.Combine(_directory.Path, name);
        Directory.CreateDirectory(directory);
        var nupkg = Path.Combine(directory, $"{package.Id}.{package.Version}.nupkg");
        await File.WriteAllBytesAsync(nupkg, package.Content);
        var signed = await SigstoreJs.RunAsync(Path.Combine(SigstoreJs.ScriptDirectory, "sign-keyless.cjs"), nupkg, directory, Issuer, Subject);
        Assert.That(signed.Succeeded, Is.True, signed.ToString());
        return (await File.ReadAllBytesAsync(Path.Combine(directory, "bundle.json")),
            JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "trusted_root.json")))!.AsObject());
    }

    private static JsonObject Merge(JsonObject first, JsonObject second)
    {
        var merged = first.DeepClone().AsObject();
        foreach (var list in new[] { "certificateAuthorities", "tlogs", "ctlogs", "timestampAuthorities" })
        {
            var target = merged[list] as JsonArray ?? [];
            merged[list] = target;
            foreach (var item in second[list] as JsonArray ?? [])
            {
                target.Add(item!.DeepClone());
            }
        }

        return merged;
    }

    private static TestPackage Plugin(string stem) =>
        TestPackages.Build(new TestPackageSpec(UniqueIds.For(stem), "1.0.0") { PackageTypes = [TrustPolicy.FarosPluginPackageType] });
}
