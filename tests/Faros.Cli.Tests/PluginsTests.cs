using System.Text;
using System.Text.Json;
using Faros.Cli.Tests.Environment;

namespace Faros.Cli.Tests;

/// <summary>`kubectl faros plugins search|info` against a real registry process holding real pushed packages.</summary>
[TestFixture]
public sealed class PluginsTests : RegistryTestBase
{

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        registry = await SharedServices.RegistryAsync();
        using var http = registry.CreateClient();
        var publisher = new PackagePublishClient(http);
        // 1.0.0 goes without a bundle (the shared registry only warns), 1.1.0 signed by the key it trusts.
        using (var unsigned = await publisher.PushAsync(NetworkPlugin("1.0.0", "[1.0.0, 2.0.0)").Content, registry.BootstrapApiKey))
        {
            Assert.That((int)unsigned.StatusCode, Is.EqualTo(201), await unsigned.Content.ReadAsStringAsync());
        }

        await publisher.PushOrThrowAsync(NetworkPlugin("1.1.0", "[1.2.0, 2.0.0)"), registry.BootstrapApiKey);
        await publisher.PushOrThrowAsync(TestPackages.Build(new TestPackageSpec("Contoso.Monitor", "2.0.0")
        {
            PackageTypes = ["FarosPlugin"],
            PluginSide = "hub",
            PluginCategory = "monitoring",
            Description = "Watches hub health.",
        }), registry.BootstrapApiKey);
        await publisher.PushOrThrowAsync(TestPackages.Create("Contoso.Library", "1.0.0"), registry.BootstrapApiKey);
    }

    [Test]
    public async Task Search_lists_plugins_only_with_their_faros_traits()
    {
        var search = await sandbox.KubectlFarosAsync("plugins", "search", "contoso", "--registry", Registry);
        Assert.That(search.Succeeded, search.ToString());
        var lines = search.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Match(@"^PACKAGE\s+VERSION\s+CATEGORY\s+SIDE\s+KINDS\s+DOWNLOADS\s+DESCRIPTION$"));
        Assert.That(lines, Has.Some.Match(@"^Contoso\.Net\s+1\.1\.0\s+networking\s+device\s+Network\s+0\s+Builds overlay networks\.$"));
        Assert.That(lines, Has.Some.Match(@"^Contoso\.Monitor\s+2\.0\.0\s+monitoring\s+hub\s+<none>\s+0\s+Watches hub health\.$"));
        Assert.That(search.StandardOutput, Does.Not.Contain("Contoso.Library"), "not a plugin");
    }

    [TestCase("--kind", "Network", "Contoso.Net")]
    [TestCase("--kind", "plugins.faros.sh/v1alpha1/Network", "Contoso.Net")]
    [TestCase("--side", "hub", "Contoso.Monitor")]
    [TestCase("--side", "device", "Contoso.Net")]
    [TestCase("--category", "monitoring", "Contoso.Monitor")]
    public async Task Search_filters_on_kind_side_and_category(string option, string value, string expected)
    {
        var search = await sandbox.FarosAsync("plugins", "search", option, value, "--registry", Registry, "-o", "json");
        Assert.That(search.Succeeded, search.ToString());
        var ids = JsonDocument.Parse(search.StandardOutput).RootElement.GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("id").GetString()).ToList();
        Assert.That(ids, Is.EqualTo(new[] { expected }), search.ToString());
    }

    [Test]
    public async Task The_registry_comes_from_FAROS_REGISTRY_or_from_the_context_that_login_wrote()
    {
        sandbox.Environment["FAROS_REGISTRY"] = registry.BaseAddress.ToString();
        var fromVariable = await sandbox.FarosAsync("plugins", "search", "--side", "hub", "-o", "yaml");
        Assert.That(fromVariable.Succeeded, fromVariable.ToString());
        Assert.That(fromVariable.StandardOutput, Does.Contain("id: Contoso.Monitor").And.Contain("side: hub"));
        sandbox.Environment["FAROS_REGISTRY"] = null;

        var hub = await SharedServices.HubAsync();
        var login = await sandbox.FarosAsync("login", "--hub-url", hub.Server.ToString(), "--token", hub.AdminToken, "--insecure-skip-tls-verify", "--registry", Registry);
        Assert.That(login.Succeeded, login.ToString());
        var fromContext = await sandbox.KubectlFarosAsync("plugins", "search", "--kind", "Network");
        Assert.That(fromContext.Succeeded, fromContext.ToString());
        Assert.That(fromContext.StandardOutput, Does.Contain("Contoso.Net"));

        // kubectl keeps reading the context with its extension.
        var view = await sandbox.KubectlAsync("config", "view", "-o", "jsonpath={.contexts[?(@.name==\"faros\")].context.extensions[0].name}");
        Assert.That(view.StandardOutput.Trim(), Is.EqualTo("faros.sh/registry"), view.ToString());
    }

    [Test]
    public async Task Info_shows_versions_kinds_side_sdk_range_permissions_and_signer()
    {
        var info = await sandbox.KubectlFarosAsync("plugins", "info", "contoso.net", "--registry", Registry);
        Assert.That(info.Succeeded, info.ToString());
        var text = info.StandardOutput;
        Assert.That(text, Does.Match(@"Package:\s+Contoso\.Net\n"));
        Assert.That(text, Does.Match(@"Version:\s+1\.1\.0\n"));
        Assert.That(text, Does.Match(@"Side:\s+device\n"));
        Assert.That(text, Does.Match(@"SDK range:\s+\[1\.2\.0, 2\.0\.0\)\n"));
        Assert.That(text, Does.Match(@"Kinds:\s+Network \(plugins\.faros\.sh/v1alpha1\)\n"));
        var signer = $"key sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(TestPublisherKey.Shared.SubjectPublicKeyInfo))[..16]}";
        Assert.That(text, Does.Match($@"Signer:\s+{signer} \(verified\)\n"));
        Assert.That(text, Does.Match(@"device\s+net-admin\s+Creates WireGuard interfaces\."));
        Assert.That(text, Does.Match(@"kubernetes\s+get,list secrets\s+Reads peer keys\."));
        Assert.That(text, Does.Match($@"1\.1\.0\s+yes\s+\d{{4}}-\d\d-\d\d\s+\[1\.2\.0, 2\.0\.0\)\s+{signer} \(verified\)"));
        Assert.That(text, Does.Match(@"1\.0\.0\s+yes\s+\d{4}-\d\d-\d\d\s+\[1\.0\.0, 2\.0\.0\)\s+<unsigned>"));

        var older = await sandbox.FarosAsync("plugins", "info", "Contoso.Net", "--version", "1.0.0", "--registry", Registry, "-o", "json");
        Assert.That(older.Succeeded, older.ToString());
        var json = JsonDocument.Parse(older.StandardOutput).RootElement;
        Assert.That(json.GetProperty("version").GetString(), Is.EqualTo("1.0.0"));
        Assert.That(json.GetProperty("faros").GetProperty("sdkRange").GetString(), Is.EqualTo("[1.0.0, 2.0.0)"));
        Assert.That(json.GetProperty("versions").EnumerateArray().Select(version => version.GetProperty("version").GetString()), Is.EqualTo(new[] { "1.1.0", "1.0.0" }));
    }

    [Test]
    public async Task Info_says_when_a_package_is_missing_or_not_a_plugin()
    {
        var missing = await sandbox.FarosAsync("plugins", "info", "Contoso.Nothing", "--registry", Registry);
        Assert.That(missing.ExitCode, Is.EqualTo(3), missing.ToString());
        Assert.That(missing.StandardError, Does.Contain("has no package 'Contoso.Nothing'").And.Contain("plugins search"));

        var library = await sandbox.FarosAsync("plugins", "info", "Contoso.Library", "--registry", Registry);
        Assert.That(library.ExitCode, Is.EqualTo(1), library.ToString());
        Assert.That(library.StandardError, Does.Contain("is not a Faros plugin"));

        var version = await sandbox.FarosAsync("plugins", "info", "Contoso.Net", "--version", "9.9.9", "--registry", Registry);
        Assert.That(version.ExitCode, Is.EqualTo(3), version.ToString());
        Assert.That(version.StandardError, Does.Contain("1.0.0, 1.1.0"));
    }

    [Test]
    public async Task An_unreachable_registry_exits_6()
    {
        var search = await sandbox.FarosAsync("plugins", "search", "--registry", $"http://127.0.0.1:{FreeTcpPort.Next()}/v3/index.json");
        Assert.That(search.ExitCode, Is.EqualTo(6), search.ToString());
        Assert.That(search.StandardError, Does.Contain("Cannot reach the registry"));
    }

    /// <summary>A network plugin with a hand-written manifest, for the permissions the generated one leaves empty.</summary>
    private static TestPackage NetworkPlugin(string version, string sdkRange)
    {
        var manifest = new
        {
            schemaVersion = 1,
            name = "Contoso.Net",
            displayName = "Contoso Net",
            description = "Builds overlay networks.",
            side = "device",
            entryAssembly = "Contoso.Net.dll",
            pluginType = "Contoso.Net.NetworkPlugin",
            sdkVersionRange = sdkRange,
            runtimeIdentifiers = new[] { "linux-x64", "linux-arm64" },
            kinds = new[] { new { group = "plugins.faros.sh", version = "v1alpha1", kind = "Network", plural = "networks", crd = "crds/networks.plugins.faros.sh.yaml" } },
            crds = new[] { "crds/networks.plugins.faros.sh.yaml" },
            permissions = new object[]
            {
                new { scope = "device", capability = "net-admin", reason = "Creates WireGuard interfaces." },
                new { scope = "kubernetes", apiGroup = "", resource = "secrets", verbs = new[] { "get", "list" }, reason = "Reads peer keys." },
            },
            category = "networking",
            tags = new[] { "vpn" },
        };
        return TestPackages.Build(new TestPackageSpec("Contoso.Net", version)
        {
            Description = "Builds overlay networks.",
            PackageTypes = ["FarosPlugin"],
            Files = new Dictionary<string, byte[]>
            {
                ["faros-plugin.json"] = JsonSerializer.SerializeToUtf8Bytes(manifest),
                ["lib/net10.0/Contoso.Net.dll"] = [0x4d, 0x5a],
                ["crds/networks.plugins.faros.sh.yaml"] = Encoding.UTF8.GetBytes("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: networks.plugins.faros.sh\n"),
            },
        });
    }
}
