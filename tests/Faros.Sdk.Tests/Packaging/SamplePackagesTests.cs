using System.IO.Compression;
using System.Reflection;
using Faros.Sdk.Manifest;
using Faros.Testing;

namespace Faros.Sdk.Tests.Packaging;

/// <summary>Each sample packs into a package that passes the same validation the registry runs at push.</summary>
[NonParallelizable]
public sealed class SamplePackagesTests
{
    [TestCase("samples/wireguard/src/Faros.Samples.WireGuard", "Faros.Samples.WireGuard", "Network", "networking")]
    [TestCase("samples/docker-runtime/src/Faros.Samples.DockerRuntime", "Faros.Samples.DockerRuntime", "ContainerRuntime", "runtime")]
    [TestCase("samples/device-info/src/Faros.Samples.DeviceInfo", "Faros.Samples.DeviceInfo", "DeviceInfo", "monitoring")]
    public async Task The_sample_packs_a_valid_plugin(string projectDirectory, string packageId, string kind, string category)
    {
        var configuration = typeof(SamplePackagesTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        using var output = new TempDirectory("sample-pack");
        using var cli = new DotnetCli("sample-pack");

        // Built already as (non-referenced) project references of this test project; pack only.
        var pack = await cli.RunInAsync(RepositoryRoot.Find(), ["pack", projectDirectory, "-c", configuration, "--no-build", "-o", output.Path, $"-p:FarosManifestOutputDirectory={Path.Combine(output.Path, "faros")}/"]);

        Assert.That(pack.Succeeded, Is.True, pack.ToString());
        using var package = ZipFile.OpenRead(Directory.GetFiles(output.Path, $"{packageId}.*.nupkg").Single());
        var files = package.Entries.Select(e => e.FullName).ToArray();
        using var stream = package.GetEntry(PluginPackageConventions.ManifestFileName)!.Open();
        var manifest = PluginManifestReader.Read(stream);

        Assert.Multiple(() =>
        {
            Assert.That(PluginManifestValidator.Validate(manifest, new PluginPackageContents(packageId, files)), Is.Empty);
            Assert.That(manifest.Kinds!.Select(k => (k.Group, k.Version, k.Kind)), Is.EqualTo(new[] { ("plugins.faros.sh", "v1alpha1", kind) }));
            Assert.That(manifest.Category, Is.EqualTo(category));
            Assert.That(manifest.Side, Is.EqualTo("device"));
            Assert.That(manifest.Permissions, Is.Not.Empty);
        });
    }
}
