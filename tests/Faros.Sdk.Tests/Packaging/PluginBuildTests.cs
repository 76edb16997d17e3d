using System.IO.Compression;
using System.Xml.Linq;
using Faros.Sdk.Manifest;
using Faros.Sdk.Tests.Fixtures;
using Faros.Testing;

namespace Faros.Sdk.Tests.Packaging;

/// <summary>
/// Builds and packs plugin projects against the packed Faros.Sdk (its build/ targets and tools/ manifest
/// generator, as a plugin author gets them) and checks the build errors and the package produced.
/// </summary>
[NonParallelizable]
public sealed class PluginBuildTests
{
    private DotnetCli _cli = null!;

    [OneTimeSetUp]
    public async Task PackSdkAndPrepareFeed()
    {
        var packed = await PackedSdk.GetAsync();
        _cli = new DotnetCli("plugin-build") { Timeout = TimeSpan.FromMinutes(5) };
        PluginFeedConfig.Write(_cli.WorkingDirectory, packed.Directory);
    }

    [OneTimeTearDown]
    public void Cleanup() => _cli.Dispose();

    private async Task<ProcessResult> BuildAsync(PluginProject project) =>
        await _cli.RunInAsync(project.WriteTo(_cli.WorkingDirectory), ["build", "-nologo"]);

    [Test]
    public async Task A_side_other_than_device_hub_or_both_fails_the_build_with_FAROS103()
    {
        var project = new PluginProject { Name = "Acme.BadSide" };
        project.Properties["FarosPluginSide"] = "edge";

        var result = await BuildAsync(project);

        Assert.That(result.Succeeded, Is.False, result.ToString());
        Assert.That(result.Output, Does.Contain("error FAROS103: faros-plugin.json side: Side 'edge' is not one of device, hub, both. Fix: Set FarosPluginSide"));
    }

    [Test]
    public async Task A_project_without_a_plugin_type_fails_the_build_with_FAROS105()
    {
        var project = new PluginProject
        {
            Name = "Acme.NoPlugin",
            Files = { ["Plugin.cs"] = "namespace Acme.NoPlugin; public sealed class NotAPlugin;" },
        };

        var result = await BuildAsync(project);

        Assert.That(result.Succeeded, Is.False, result.ToString());
        Assert.That(result.Output, Does.Contain("error FAROS105: faros-plugin.json pluginType: Plugin type is missing."));
    }

    [Test]
    public async Task A_kind_item_without_a_group_fails_the_build_with_FAROS108()
    {
        var project = new PluginProject { Name = "Acme.NoGroup", Items = { """<FarosKind Include="Gadget" Version="v1" Plural="gadgets" />""" } };

        var result = await BuildAsync(project);

        Assert.That(result.Succeeded, Is.False, result.ToString());
        Assert.That(result.Output, Does.Contain("error FAROS108: faros-plugin.json kinds[1].group: Kind 'Gadget' has no API group"));
    }

    [Test]
    public async Task Two_plugin_types_fail_the_build_with_FAROS002_unless_one_is_chosen()
    {
        var secondPlugin = """
            namespace Acme.Probe;
            public sealed class OtherPlugin : Faros.Sdk.FarosPlugin
            {
                protected override IEnumerable<Faros.Sdk.Reconciliation.IReconciler> CreateReconcilers(Faros.Sdk.IPluginContext context) => [];
            }
            """;
        var ambiguous = new PluginProject { Name = "Acme.TwoPlugins", Files = { ["Other.cs"] = secondPlugin } };
        var chosen = new PluginProject { Name = "Acme.TwoPluginsChosen", Files = { ["Other.cs"] = secondPlugin } };
        chosen.Properties["FarosPluginType"] = "Acme.Probe.ProbePlugin";

        var ambiguousResult = await BuildAsync(ambiguous);
        var chosenResult = await BuildAsync(chosen);

        Assert.That(ambiguousResult.Output, Does.Contain("error FAROS002: Several plugin types found (Acme.Probe.OtherPlugin, Acme.Probe.ProbePlugin)"), ambiguousResult.ToString());
        Assert.That(chosenResult.Succeeded, Is.True, chosenResult.ToString());
    }

    [Test]
    public async Task Pack_produces_a_self_contained_FarosPlugin_package_whose_manifest_validates()
    {
        var project = new PluginProject
        {
            Name = "Acme.Probe",
            Properties =
            {
                ["FarosPluginSide"] = "hub",
                ["FarosPluginCategory"] = "monitoring",
                ["PackageTags"] = "probe;Health",
                ["Title"] = "Acme Probe",
            },
            Items =
            {
                // A dependency that is not host-shared must be bundled.
                """<PackageReference Include="Dapper" Version="2.1.66" />""",
                """<FarosKubernetesPermission Include="configmaps" ApiGroup="" Verbs="get;list" Reason="Reads probe targets." />""",
            },
            Files =
            {
                ["crds/probes.acme.example.com.yaml"] = "# hand-written CRD\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n",
                ["faros-config.schema.json"] = """{"type":"object","properties":{"intervalSeconds":{"type":"integer"}}}""",
            },
        };
        var directory = project.WriteTo(_cli.WorkingDirectory);

        var pack = await _cli.RunInAsync(directory, ["pack", "-nologo", "-o", "out"]);

        Assert.That(pack.Succeeded, Is.True, pack.ToString());
        using var package = ZipFile.OpenRead(Path.Combine(directory, "out", "Acme.Probe.1.2.3.nupkg"));
        var files = package.Entries.Select(e => e.FullName).ToArray();
        PluginManifest manifest;
        using (var stream = package.GetEntry("faros-plugin.json")!.Open())
        {
            manifest = PluginManifestReader.Read(stream);
        }

        var nuspec = XDocument.Load(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        XNamespace ns = nuspec.Root!.Name.Namespace;
        using var crd = new StreamReader(package.GetEntry("crds/probes.acme.example.com.yaml")!.Open());

        Assert.Multiple(() =>
        {
            Assert.That(PluginManifestValidator.Validate(manifest, new PluginPackageContents("Acme.Probe", files)), Is.Empty);
            Assert.That(nuspec.Descendants(ns + "packageType").Select(e => e.Attribute("name")!.Value), Is.EqualTo(new[] { "FarosPlugin" }));
            Assert.That(nuspec.Descendants(ns + "dependency"), Is.Empty, "bundled plugins declare no NuGet dependencies");
            Assert.That(files, Does.Contain("lib/net10.0/Acme.Probe.dll").And.Contain("lib/net10.0/Dapper.dll"));
            Assert.That(files, Has.None.EndsWith("Faros.Sdk.dll").And.None.EndsWith("KubernetesClient.dll").And.None.EndsWith("YamlDotNet.dll"));
            Assert.That(crd.ReadToEnd(), Does.StartWith("# hand-written CRD"));
            Assert.That(manifest.Name, Is.EqualTo("Acme.Probe"));
            Assert.That(manifest.DisplayName, Is.EqualTo("Acme Probe"));
            Assert.That(manifest.Side, Is.EqualTo("hub"));
            Assert.That(manifest.PluginType, Is.EqualTo("Acme.Probe.ProbePlugin"));
            Assert.That(manifest.EntryAssembly, Is.EqualTo("Acme.Probe.dll"));
            Assert.That(manifest.SdkVersionRange, Is.EqualTo($"[{PackedSdk.Version}, {typeof(IFarosPlugin).Assembly.GetName().Version!.Major + 1}.0.0)"));
            Assert.That(manifest.Kinds!.Single().Crd, Is.EqualTo("crds/probes.acme.example.com.yaml"));
            Assert.That(manifest.Tags, Is.EqualTo(new[] { "probe", "health" }));
            Assert.That(manifest.Permissions!.Single().Verbs, Is.EqualTo(new[] { "get", "list" }));
            Assert.That(manifest.ConfigSchema!.Value.GetProperty("properties").TryGetProperty("intervalSeconds", out _), Is.True);
        });
    }
}
