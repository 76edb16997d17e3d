using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Faros.Cli.Tests.Environment;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore;

namespace Faros.Cli.Tests;

/// <summary>
/// `kubectl faros keys generate` and `kubectl faros plugins publish` against a real registry process whose trust policy
/// is the rule `keys generate` printed for the publisher's key: a plugin published with that key is stored with its
/// bundle and a verified signer, one signed with another generated key is refused, and a plain unsigned push is refused.
/// </summary>
[TestFixture]
public sealed partial class PublishTests : RegistryTestBase
{
    private const string IdPrefix = "Faros.Tests.Cli";
    private const int MaxPackageSize = 1024 * 1024;

    private TempDirectory keys = null!;
    private string publisherKey = "";
    private string publisherPublicKey = "";
    private string publisherFingerprint = "";
    private string strangerKey = "";
    private string strangerFingerprint = "";

    [OneTimeSetUp]
    public async Task StartRegistryTrustingTheGeneratedKeyAsync()
    {
        keys = new TempDirectory("publisher-keys");
        using var setup = new CliSandbox(kubeconfigSource: null);
        var publisher = await setup.KubectlFarosAsync("keys", "generate", "--output-dir", keys.Path, "--name", "publisher", "--packages", $"{IdPrefix}.*");
        Assert.That(publisher.Succeeded, publisher.ToString());
        var stranger = await setup.FarosAsync("keys", "generate", "--output-dir", keys.Path, "--name", "stranger");
        Assert.That(stranger.Succeeded, stranger.ToString());
        (publisherKey, publisherPublicKey, publisherFingerprint) = (Path.Combine(keys.Path, "publisher.key"), Path.Combine(keys.Path, "publisher.pub"), Fingerprint(publisher));
        (strangerKey, strangerFingerprint) = (Path.Combine(keys.Path, "stranger.key"), Fingerprint(stranger));

        // The registry operator pastes the printed rule as the whole policy: it must load as it is.
        var policy = TestTrustPolicy.Write(keys.Sub("registry"), PrintedRule(publisher));
        registry = await RequiredService.RequireAsync(RegistryProcess.StartAsync(new Dictionary<string, string>
        {
            [RegistryProcess.TrustPolicySetting] = policy,
            ["Registry__MaxPackageSizeBytes"] = MaxPackageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
    }

    [OneTimeTearDown]
    public async Task StopRegistryAsync()
    {
        if (registry is not null)
        {
            await registry.DisposeAsync();
        }

        keys?.Dispose();
    }

    [Test]
    public async Task Keys_generate_writes_an_openssl_readable_pair_owner_only_and_replaces_it_only_with_force()
    {
        var directory = Path.Combine(sandbox.Directory, "keys");
        var generate = await sandbox.KubectlFarosAsync("keys", "generate", "--output-dir", directory);
        Assert.That(generate.Succeeded, generate.ToString());
        var privateKey = Path.Combine(directory, "faros.key");
        var publicKey = Path.Combine(directory, "faros.pub");
        var publicPem = await File.ReadAllTextAsync(publicKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.GetUnixFileMode(privateKey), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.GetUnixFileMode(publicKey) & UnixFileMode.OtherRead, Is.EqualTo(UnixFileMode.OtherRead));
            Assert.That(await File.ReadAllTextAsync(privateKey), Does.StartWith("-----BEGIN PRIVATE KEY-----\n"));
            Assert.That(publicPem, Does.StartWith("-----BEGIN PUBLIC KEY-----\n"));
            Assert.That(Fingerprint(generate), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(PublicKeySigner.FromPem(publicPem).SubjectPublicKeyInfo.Span))));
            Assert.That(generate.StandardOutput, Does.Contain("- packages: [\"YourCompany.*\"]"));
        }

        // openssl reads the PKCS#8 private key (as cosign does) and derives exactly the public key file from it.
        var derived = await sandbox.RunAsync("openssl", ["pkey", "-in", privateKey, "-pubout"]);
        Assert.That(derived.Succeeded, derived.ToString());
        Assert.That(derived.StandardOutput, Is.EqualTo(publicPem));

        var again = await sandbox.FarosAsync("keys", "generate", "--output-dir", directory);
        Assert.That(again.ExitCode, Is.EqualTo(7), again.ToString());
        Assert.That(again.StandardError, Does.Contain("exist already").And.Contain("--force"));
        Assert.That(await File.ReadAllTextAsync(publicKey), Is.EqualTo(publicPem), "nothing was written");

        var forced = await sandbox.FarosAsync("keys", "generate", "--output-dir", directory, "--force");
        Assert.That(forced.Succeeded, forced.ToString());
        Assert.That(await File.ReadAllTextAsync(publicKey), Is.Not.EqualTo(publicPem));
        Assert.That(File.GetUnixFileMode(privateKey), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));

        var badGlob = await sandbox.FarosAsync("keys", "generate", "--output-dir", directory, "--name", "other", "--packages", "Contoso/*");
        Assert.That(badGlob.ExitCode, Is.EqualTo(2), badGlob.ToString());
        Assert.That(File.Exists(Path.Combine(directory, "other.key")), Is.False);
    }

    [Test]
    public async Task A_plugin_published_with_a_trusted_key_is_stored_with_its_bundle_and_info_shows_the_verified_signer()
    {
        var package = Plugin("Trusted");
        var path = package.WriteTo(sandbox.Directory);
        sandbox.Environment["FAROS_API_KEY"] = registry.BootstrapApiKey;

        var publish = await sandbox.KubectlFarosAsync("plugins", "publish", path, "--key", publisherKey, "--registry", Registry);

        Assert.That(publish.Succeeded, publish.ToString());
        var identity = $"key sha256:{publisherFingerprint[..16]}";
        Assert.That(publish.StandardOutput, Does.Contain($"Published {package.Id} 1.0.0").And.Contain($"Signer: {identity} (verified)"));
        Assert.That(publish.StandardError, Does.Contain($"Uploading {package.Id}.1.0.0.nupkg"));
        var bundlePath = Path.Combine(sandbox.Directory, $"{package.Id}.1.0.0.sigstore.json");
        Assert.That(File.Exists(bundlePath), publish.ToString());

        var info = await sandbox.FarosAsync("plugins", "info", package.Id, "--registry", Registry);
        Assert.That(info.Succeeded, info.ToString());
        Assert.That(info.StandardOutput, Does.Match($@"Signer:\s+{Regex.Escape(identity)} \(verified\)\n"));

        // What the registry serves verifies with our verifier against the public key alone.
        using var http = registry.CreateClient();
        var flat = $"v3/package/{package.LowerId}/{package.LowerVersion}/{package.LowerId}.{package.LowerVersion}";
        var nupkg = await http.GetByteArrayAsync(flat + ".nupkg");
        var bundle = await http.GetByteArrayAsync(flat + ".sigstore.json");
        var verification = new SigstoreVerifier().Verify(SignedPackage.Read(nupkg, bundle), [PublicKeySigner.FromPem(await File.ReadAllTextAsync(publisherPublicKey))]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(nupkg, Is.EqualTo(package.Content));
            Assert.That(bundle, Is.EqualTo(await File.ReadAllBytesAsync(bundlePath)));
            Assert.That(verification.IsVerified, verification.ToString());
            Assert.That(verification.Signer?.DisplayName, Is.EqualTo(identity));
        }

        var duplicate = await sandbox.FarosAsync("plugins", "publish", path, "--key", publisherKey, "--registry", Registry);
        Assert.That(duplicate.ExitCode, Is.EqualTo(7), duplicate.ToString());
        Assert.That(duplicate.StandardError, Does.Contain("already").And.Contain("--skip-duplicate"));
        var skipped = await sandbox.FarosAsync("plugins", "publish", path, "--key", publisherKey, "--registry", Registry, "--skip-duplicate");
        Assert.That(skipped.Succeeded, skipped.ToString());
        Assert.That(skipped.StandardOutput, Does.Contain($"Already published {package.Id} 1.0.0").And.Contain(identity));
    }

    [Test]
    public async Task A_plugin_signed_with_a_key_the_registry_does_not_trust_exits_5_naming_the_key_and_nothing_is_stored()
    {
        var package = Plugin("Stranger");
        var path = package.WriteTo(sandbox.Directory);

        var publish = await sandbox.FarosAsync("plugins", "publish", path, "--key", strangerKey, "--registry", Registry, "--api-key", registry.BootstrapApiKey);

        Assert.That(publish.ExitCode, Is.EqualTo(5), publish.ToString());
        Assert.That(publish.StandardError, Does.Contain(nameof(SignatureFailure.UnknownKey))
            .And.Contain($"Ask the registry operator to trust key sha256:{strangerFingerprint}"));
        using var http = registry.CreateClient();
        using var stored = await http.GetAsync($"v3/package/{package.LowerId}/index.json");
        Assert.That(stored.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var info = await sandbox.FarosAsync("plugins", "info", package.Id, "--registry", Registry);
        Assert.That(info.ExitCode, Is.EqualTo(3), info.ToString());
    }

    [Test]
    public async Task An_unsigned_plugin_pushed_with_dotnet_nuget_push_is_refused_and_publish_gets_it_in()
    {
        var package = Plugin("Unsigned");
        var path = package.WriteTo(sandbox.Directory);
        using var dotnet = new DotnetCli("cli-push");
        NuGetConfigFile.WriteSingleSource(dotnet.WorkingDirectory, "faros", registry.ServiceIndex);

        var push = await dotnet.RunAsync("nuget", "push", path, "--source", "faros", "--api-key", registry.BootstrapApiKey);

        Assert.That(push.Succeeded, Is.False, push.ToString());
        Assert.That(push.Output, Does.Contain(nameof(SignatureFailure.SignatureMissing)).And.Contain("kubectl faros plugins publish"));

        var bundleOut = Path.Combine(sandbox.Directory, "signatures", "unsigned.sigstore.json");
        var publish = await sandbox.FarosAsync("plugins", "publish", path, "--key", publisherKey, "--registry", Registry, "--api-key", registry.BootstrapApiKey, "--bundle-out", bundleOut);
        Assert.That(publish.Succeeded, publish.ToString());
        Assert.That(File.Exists(bundleOut), publish.ToString());
        Assert.That(Directory.GetFiles(sandbox.Directory, "*.sigstore.json"), Is.Empty, "--bundle-out replaces the default place");
    }

    [Test]
    public async Task A_package_over_the_registrys_size_limit_exits_1_saying_so()
    {
        var package = TestPackages.Build(new TestPackageSpec($"{IdPrefix}.Large{Guid.NewGuid():N}"[..(IdPrefix.Length + 14)], "1.0.0")
        {
            PackageTypes = ["FarosPlugin"],
            Files = new Dictionary<string, byte[]> { ["content/blob.bin"] = RandomNumberGenerator.GetBytes(2 * MaxPackageSize) },
        });
        var path = package.WriteTo(sandbox.Directory);

        var publish = await sandbox.FarosAsync("plugins", "publish", path, "--key", publisherKey, "--registry", Registry, "--api-key", registry.BootstrapApiKey);

        Assert.That(publish.ExitCode, Is.EqualTo(1), publish.ToString());
        Assert.That(publish.StandardError, Does.Contain("too large").And.Contain("limit"));
    }

    [Test]
    public async Task A_push_the_registry_finds_invalid_exits_1_with_the_registrys_reason()
    {
        var package = TestPackages.Build(new TestPackageSpec($"{IdPrefix}.NoManifest{Guid.NewGuid():N}"[..40], "1.0.0") { PackageTypes = ["FarosPlugin"], GeneratePluginManifest = false });
        var path = package.WriteTo(sandbox.Directory);

        var publish = await sandbox.FarosAsync("plugins", "publish", path, "--key", publisherKey, "--registry", Registry, "--api-key", registry.BootstrapApiKey);

        Assert.That(publish.ExitCode, Is.EqualTo(1), publish.ToString());
        Assert.That(publish.StandardError, Does.Contain($"The registry refused {package.Id} 1.0.0: ").And.Contain("faros-plugin.json"));
    }

    [Test]
    public async Task A_rejected_api_key_exits_5_without_blaming_the_signing_key()
    {
        var path = Plugin("BadApiKey").WriteTo(sandbox.Directory);

        var publish = await sandbox.FarosAsync("plugins", "publish", path, "--key", publisherKey, "--registry", Registry, "--api-key", "not-a-key");

        Assert.That(publish.ExitCode, Is.EqualTo(5), publish.ToString());
        Assert.That(publish.StandardError, Does.Contain("API key").And.Not.Contain("trust key"));
    }

    [Test]
    public async Task An_unreachable_registry_exits_6()
    {
        var path = Plugin("Offline").WriteTo(sandbox.Directory);

        var publish = await sandbox.FarosAsync("plugins", "publish", path, "--key", publisherKey, "--api-key", "k",
            "--registry", $"http://127.0.0.1:{FreeTcpPort.Next()}/v3/index.json");

        Assert.That(publish.ExitCode, Is.EqualTo(6), publish.ToString());
        Assert.That(publish.StandardError, Does.Contain("Cannot reach the registry"));
    }

    [Test]
    public async Task Bad_input_is_refused_before_anything_is_signed_or_sent()
    {
        var plugin = Plugin("Input").WriteTo(sandbox.Directory);
        var library = TestPackages.Create($"{IdPrefix}.Library", "1.0.0").WriteTo(sandbox.Directory);

        var noApiKey = await sandbox.FarosAsync("plugins", "publish", plugin, "--key", publisherKey, "--registry", Registry);
        var publicKeyAsKey = await sandbox.FarosAsync("plugins", "publish", plugin, "--key", publisherPublicKey, "--registry", Registry, "--api-key", "k");
        var notAPlugin = await sandbox.FarosAsync("plugins", "publish", library, "--key", publisherKey, "--registry", Registry, "--api-key", "k");
        var noKey = await sandbox.FarosAsync("plugins", "publish", plugin, "--registry", Registry, "--api-key", "k");
        var encrypted = Path.Combine(sandbox.Directory, "encrypted.key");
        await File.WriteAllTextAsync(encrypted, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");
        var encryptedKey = await sandbox.FarosAsync("plugins", "publish", plugin, "--key", encrypted, "--registry", Registry, "--api-key", "k");
        var shared = Path.Combine(sandbox.Directory, "shared.key");
        File.Copy(publisherKey, shared);
        File.SetUnixFileMode(shared, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var sharedKey = await sandbox.FarosAsync("plugins", "publish", plugin, "--key", shared, "--registry", Registry);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(noApiKey.ExitCode, Is.EqualTo(2), noApiKey.ToString());
            Assert.That(noApiKey.StandardError, Does.Contain("No registry API key").And.Contain("FAROS_API_KEY"));
            Assert.That(publicKeyAsKey.ExitCode, Is.EqualTo(2), publicKeyAsKey.ToString());
            Assert.That(publicKeyAsKey.StandardError, Does.Contain("is not a usable signing key").And.Contain("PUBLIC KEY"));
            Assert.That(notAPlugin.ExitCode, Is.EqualTo(1), notAPlugin.ToString());
            Assert.That(notAPlugin.StandardError, Does.Contain("is not a Faros plugin"));
            Assert.That(noKey.ExitCode, Is.EqualTo(2), noKey.ToString());
            Assert.That(noKey.StandardError, Does.Contain("--key"));
            Assert.That(encryptedKey.ExitCode, Is.EqualTo(2), encryptedKey.ToString());
            Assert.That(encryptedKey.StandardError, Does.Contain("is encrypted"));
            Assert.That(sharedKey.ExitCode, Is.EqualTo(2), sharedKey.ToString());
            Assert.That(sharedKey.StandardError, Does.Contain("warning: the private key").And.Contain("chmod 600"));
            Assert.That(Directory.GetFiles(sandbox.Directory, "*.sigstore.json"), Is.Empty, "nothing was signed");
        }
    }

    private static TestPackage Plugin(string stem) =>
        TestPackages.Build(new TestPackageSpec($"{IdPrefix}.{stem}{Guid.NewGuid():N}"[..(IdPrefix.Length + stem.Length + 9)], "1.0.0")
        {
            PackageTypes = ["FarosPlugin"],
            Description = "A plugin published by the CLI tests.",
        });

    private static string Fingerprint(ProcessResult generate) =>
        FingerprintLine().Match(generate.StandardOutput) is { Success: true } match ? match.Groups[1].Value : throw new AssertionException($"No fingerprint printed: {generate}");

    /// <summary>The trust-policy rule `keys generate` printed: from "rules:" to the blank line after it.</summary>
    private static string PrintedRule(ProcessResult generate)
    {
        var start = generate.StandardOutput.IndexOf("rules:\n", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), generate.ToString());
        var end = generate.StandardOutput.IndexOf("\n\n", start, StringComparison.Ordinal);
        return generate.StandardOutput[start..(end + 1)];
    }

    [GeneratedRegex(@"Fingerprint:\s+sha256:([0-9a-f]{64})")]
    private static partial Regex FingerprintLine();
}
