using Faros.Sdk.Manifest;

namespace Faros.Sdk.Tests.Manifest;

public sealed class PluginManifestValidatorTests
{
    private static IReadOnlyList<ManifestDefect> DefectsOf(Func<PluginManifest, PluginManifest> change) =>
        PluginManifestValidator.Validate(change(ValidManifest.Create()));

    [Test]
    public void A_complete_manifest_has_no_defects()
    {
        Assert.That(PluginManifestValidator.Validate(ValidManifest.Create()), Is.Empty);
        Assert.That(PluginManifestValidator.Validate(ValidManifest.Create(), new PluginPackageContents("Acme.Thermostat", ValidManifest.PackageFiles)), Is.Empty);
    }

    [Test]
    public void An_empty_manifest_names_every_required_field()
    {
        var paths = PluginManifestValidator.Validate(new PluginManifest()).Select(d => d.Path);

        Assert.That(paths, Is.SupersetOf(new[] { "name", "displayName", "side", "entryAssembly", "pluginType", "sdkVersionRange", "runtimeIdentifiers", "category" }));
    }

    [TestCase("edge")]
    [TestCase("Device")]
    [TestCase("")]
    public void Side_must_be_device_hub_or_both(string side)
    {
        var defect = DefectsOf(m => With(m, side: side)).Single();

        Assert.That(defect.Path, Is.EqualTo("side"));
        Assert.That(defect.Fix, Does.Contain("FarosPluginSide"));
    }

    [TestCase("device")]
    [TestCase("hub")]
    [TestCase("both")]
    public void Each_side_is_accepted(string side) => Assert.That(DefectsOf(m => With(m, side: side)), Is.Empty);

    [TestCase(null, "Plugin type is missing")]
    [TestCase("not a type", "is not a full CLR type name")]
    public void Plugin_type_is_required_and_must_be_a_type_name(string? pluginType, string message)
    {
        var defect = DefectsOf(m => With(m, pluginType: pluginType ?? "")).Single();

        Assert.That(defect.Path, Is.EqualTo("pluginType"));
        Assert.That(defect.Message, Does.Contain(message));
    }

    [Test]
    public void A_kind_without_a_group_is_a_defect_at_its_index()
    {
        var defects = DefectsOf(m => With(m, kinds: [new PluginKind { Version = "v1", Kind = "Thermostat", Plural = "thermostats", Crd = "crds/thermostats.acme.example.com.yaml" }]));

        Assert.That(defects.Select(d => d.Path), Is.EqualTo(new[] { "kinds[0].group" }));
        Assert.That(defects[0].Message, Does.Contain("core group"));
    }

    [TestCase("Acme.Example.Com", "kinds[0].group")]
    [TestCase("localgroup", "kinds[0].group")]
    public void Groups_must_be_lowercase_dns_subdomains_with_a_dot(string group, string path) =>
        Assert.That(DefectsOf(m => With(m, kinds: [Kind(group: group)])).Select(d => d.Path), Is.EqualTo(new[] { path }));

    [TestCase("1", "kinds[0].version")]
    [TestCase("v1alpha", "kinds[0].version")]
    [TestCase("V1", "kinds[0].version")]
    public void Versions_must_be_kubernetes_api_versions(string version, string path) =>
        Assert.That(DefectsOf(m => With(m, kinds: [Kind(version: version)])).Select(d => d.Path), Is.EqualTo(new[] { path }));

    [Test]
    public void Kind_plural_and_crd_reference_are_checked()
    {
        var defects = DefectsOf(m => With(m, kinds: [new PluginKind { Group = "acme.example.com", Version = "v1", Kind = "thermostat", Plural = "Thermostats", Crd = "crds/other.yaml" }]));

        Assert.That(defects.Select(d => d.Path), Is.EquivalentTo(new[] { "kinds[0].kind", "kinds[0].plural", "kinds[0].crd" }));
    }

    [Test]
    public void The_same_kind_twice_is_a_defect()
    {
        var defects = DefectsOf(m => With(m, kinds: [Kind(), Kind()]));

        Assert.That(defects.Select(d => d.Path), Is.EqualTo(new[] { "kinds[1]" }));
    }

    [TestCase("../crds/x.yaml")]
    [TestCase("crds/../../etc/passwd.yaml")]
    [TestCase("manifests/x.yaml")]
    [TestCase("crds/x.txt")]
    public void Crd_paths_must_stay_under_crds(string path) =>
        Assert.That(DefectsOf(m => With(m, crds: [.. m.Crds!, path])).Select(d => d.Path), Is.EqualTo(new[] { "crds[1]" }));

    [TestCase("[1.0.0, 2.0.0)", true)]
    [TestCase("1.0.0", true)]
    [TestCase("(, 2.0.0)", false)]
    [TestCase("banana", false)]
    public void Sdk_range_must_parse_and_have_a_lower_bound(string range, bool valid) =>
        Assert.That(DefectsOf(m => With(m, sdkVersionRange: range)).Select(d => d.Path), valid ? Is.Empty : Is.EqualTo(new[] { "sdkVersionRange" }));

    [Test]
    public void Runtime_identifiers_must_be_listed_and_well_formed()
    {
        Assert.That(DefectsOf(m => With(m, runtimeIdentifiers: [])).Select(d => d.Path), Is.EqualTo(new[] { "runtimeIdentifiers" }));
        Assert.That(DefectsOf(m => With(m, runtimeIdentifiers: ["linux-x64", "Linux X64"])).Select(d => d.Path), Is.EqualTo(new[] { "runtimeIdentifiers[1]" }));
        Assert.That(DefectsOf(m => With(m, runtimeIdentifiers: ["linux-musl-arm64", "win-x64", "osx-arm64", "ubuntu.22.04-x64"])), Is.Empty);
    }

    [Test]
    public void Permissions_need_a_known_scope_a_reason_and_concrete_grants()
    {
        var defects = DefectsOf(m => With(m, permissions:
        [
            new PluginPermission { Scope = "device", Capability = "root", Reason = "x" },
            new PluginPermission { Scope = "kubernetes", Resource = "*", Verbs = ["*"], Reason = "x" },
            new PluginPermission { Scope = "cluster", Reason = "x" },
            new PluginPermission { Scope = "device", Capability = "exec" },
        ]));

        Assert.That(defects.Select(d => d.Path), Is.EquivalentTo(new[]
        {
            "permissions[0].capability", "permissions[1].resource", "permissions[1].verbs", "permissions[2].scope", "permissions[3].reason",
        }));
    }

    [Test]
    public void Category_must_be_known_and_tags_lowercase()
    {
        var defects = DefectsOf(m => With(m, category: "toys", tags: ["ok", "Not OK"]));

        Assert.That(defects.Select(d => d.Path), Is.EquivalentTo(new[] { "category", "tags[1]" }));
    }

    [Test]
    public void Config_schema_must_describe_an_object()
    {
        using var array = System.Text.Json.JsonDocument.Parse("[]");
        using var stringSchema = System.Text.Json.JsonDocument.Parse("""{"type":"string"}""");

        Assert.That(DefectsOf(m => With(m, configSchema: array.RootElement)).Select(d => d.Path), Is.EqualTo(new[] { "configSchema" }));
        Assert.That(DefectsOf(m => With(m, configSchema: stringSchema.RootElement)).Select(d => d.Path), Is.EqualTo(new[] { "configSchema.type" }));
    }

    [Test]
    public void Unsupported_schema_versions_are_rejected() =>
        Assert.That(DefectsOf(m => With(m, schemaVersion: 2)).Select(d => d.Path), Is.EqualTo(new[] { "schemaVersion" }));

    [Test]
    public void Package_checks_name_the_missing_entry_assembly_crd_and_a_mismatched_id()
    {
        var defects = PluginManifestValidator.Validate(ValidManifest.Create(), new PluginPackageContents("Other.Id", ["faros-plugin.json"]));

        Assert.That(defects.Select(d => d.Path), Is.EquivalentTo(new[] { "name", "entryAssembly", "crds[0]" }));
    }

    [Test]
    public void A_package_carrying_its_own_sdk_assembly_is_rejected()
    {
        var files = ValidManifest.PackageFiles.Append("lib/net10.0/Faros.Sdk.dll").ToArray();

        var defect = PluginManifestValidator.Validate(ValidManifest.Create(), new PluginPackageContents("Acme.Thermostat", files)).Single();

        Assert.That(defect.Message, Does.Contain("Faros.Sdk.dll"));
    }

    [Test]
    public void Every_defect_says_how_to_fix_it()
    {
        var defects = PluginManifestValidator.Validate(new PluginManifest { SchemaVersion = 9, Kinds = [new PluginKind()], Permissions = [new PluginPermission()] });

        Assert.That(defects, Is.Not.Empty);
        Assert.That(defects, Has.All.Matches<ManifestDefect>(d => d.Path.Length > 0 && d.Message.Length > 0 && d.Fix.Length > 0));
    }

    private static PluginKind Kind(string group = "acme.example.com", string version = "v1alpha1") =>
        new() { Group = group, Version = version, Kind = "Thermostat", Plural = "thermostats", Crd = "crds/thermostats.acme.example.com.yaml" };

    private static PluginManifest With(
        PluginManifest m,
        string? side = null,
        string? pluginType = null,
        IReadOnlyList<PluginKind>? kinds = null,
        IReadOnlyList<string>? crds = null,
        string? sdkVersionRange = null,
        IReadOnlyList<string>? runtimeIdentifiers = null,
        IReadOnlyList<PluginPermission>? permissions = null,
        string? category = null,
        IReadOnlyList<string>? tags = null,
        System.Text.Json.JsonElement? configSchema = null,
        int? schemaVersion = null) => new()
        {
            SchemaVersion = schemaVersion ?? m.SchemaVersion,
            Name = m.Name,
            DisplayName = m.DisplayName,
            Side = side ?? m.Side,
            EntryAssembly = m.EntryAssembly,
            PluginType = pluginType is null ? m.PluginType : pluginType.Length == 0 ? null : pluginType,
            SdkVersionRange = sdkVersionRange ?? m.SdkVersionRange,
            RuntimeIdentifiers = runtimeIdentifiers ?? m.RuntimeIdentifiers,
            Kinds = kinds ?? m.Kinds,
            Crds = crds ?? m.Crds,
            Permissions = permissions ?? m.Permissions,
            Category = category ?? m.Category,
            Tags = tags ?? m.Tags,
            ConfigSchema = configSchema ?? m.ConfigSchema,
        };
}
