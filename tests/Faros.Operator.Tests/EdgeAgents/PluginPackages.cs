using System.Security.Cryptography;
using System.Text.Json;

namespace Faros.Operator.Tests.EdgeAgents;

/// <summary>Real plugin packages pushed to a real registry, remembering each one's SHA-512.</summary>
internal sealed class PluginPackages
{
    private readonly RegistryProcess _registry;
    private readonly Dictionary<string, byte[]> _pushed = new(StringComparer.OrdinalIgnoreCase);

    public PluginPackages(RegistryProcess registry) => _registry = registry;

    /// <summary>Base64 SHA-512 of what was pushed as <paramref name="id"/> <paramref name="version"/>.</summary>
    public string Sha512Of(string id, string version) => Convert.ToBase64String(SHA512.HashData(_pushed[$"{id}/{version}"]));

    public byte[] BytesOf(string id, string version) => _pushed[$"{id}/{version}"];

    /// <summary>Pushes a FarosPlugin package; <paramref name="sdkRange"/> goes into its faros-plugin.json.</summary>
    public Task PushPluginAsync(string id, string version, string sdkRange = "[1.0.0, 2.0.0)") =>
        PushPluginAsync(id, version, sdkRange, kind: null);

    /// <summary>Pushes a FarosPlugin package that declares one kind and ships <paramref name="crdYaml"/> as its CRD.</summary>
    public Task PushPluginWithCrdAsync(string id, string version, string group, string kind, string plural, string crdYaml) =>
        PushPluginAsync(id, version, "[1.0.0, 2.0.0)", (group, kind, plural, crdYaml));

    /// <summary>Pushes a FarosPlugin package without a Sigstore bundle (test registries only warn about that).</summary>
    public async Task PushUnsignedPluginAsync(string id, string version)
    {
        var package = Plugin(id, version, "[1.0.0, 2.0.0)", kind: null);
        using var http = _registry.CreateClient();
        using var response = await new PackagePublishClient(http).PushAsync(package.Content, _registry.BootstrapApiKey);
        response.EnsureSuccessStatusCode();
        _pushed[$"{package.Id}/{package.Version.ToNormalizedString()}"] = package.Content;
    }

    private Task PushPluginAsync(string id, string version, string sdkRange, (string Group, string Kind, string Plural, string Yaml)? kind) =>
        PushAsync(Plugin(id, version, sdkRange, kind));

    private static TestPackage Plugin(string id, string version, string sdkRange, (string Group, string Kind, string Plural, string Yaml)? kind)
    {
        var crdPath = kind is { } k ? $"crds/{k.Plural}.{k.Group}.yaml" : null;
        var files = new Dictionary<string, byte[]>
        {
            ["faros-plugin.json"] = JsonSerializer.SerializeToUtf8Bytes(new
            {
                schemaVersion = 1, name = id, displayName = id, description = "A test plugin.", side = "device",
                entryAssembly = "TestPlugin.dll", pluginType = "Faros.Tests.TestPlugin", sdkVersionRange = sdkRange,
                runtimeIdentifiers = new[] { "linux-x64" },
                kinds = kind is { } declared ? new object[] { new { group = declared.Group, version = "v1alpha1", kind = declared.Kind, plural = declared.Plural, crd = crdPath } } : [],
                crds = crdPath is null ? Array.Empty<string>() : [crdPath],
                permissions = Array.Empty<object>(), category = "other", tags = Array.Empty<string>(),
            }),
            ["lib/net10.0/TestPlugin.dll"] = [0x4d, 0x5a],
        };
        if (kind is { } shipped)
        {
            files[crdPath!] = System.Text.Encoding.UTF8.GetBytes(shipped.Yaml);
        }

        return TestPackages.Build(new TestPackageSpec(id, version) { PackageTypes = ["FarosPlugin"], Files = files });
    }

    /// <summary>Pushes an ordinary library package, no plugin.</summary>
    public Task PushLibraryAsync(string id, string version) => PushAsync(TestPackages.Create(id, version));

    public async Task UnlistAsync(string id, string version)
    {
        using var http = _registry.CreateClient();
        using var response = await new PackagePublishClient(http).UnlistAsync(id, version, _registry.BootstrapApiKey);
        response.EnsureSuccessStatusCode();
    }

    private async Task PushAsync(TestPackage package)
    {
        using var http = _registry.CreateClient();
        await new PackagePublishClient(http).PushOrThrowAsync(package, _registry.BootstrapApiKey);
        _pushed[$"{package.Id}/{package.Version.ToNormalizedString()}"] = package.Content;
    }
}
