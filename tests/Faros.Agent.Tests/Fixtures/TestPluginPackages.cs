using System.Reflection;
using Faros.PluginHost;

namespace Faros.Agent.Tests.Fixtures;

/// <summary>
/// The test plugins (TestPlugins/Faros.TestPlugins) packed with the real SDK build targets, once per run:
/// the project is built as a reference of this test project, and each package is a `dotnet pack --no-build`
/// choosing its id, version and plugin type.
/// </summary>
internal sealed class TestPluginPackages : IDisposable
{
    public const string Echo = "Faros.TestPlugins.Echo";
    public const string Throwing = "Faros.TestPlugins.Throwing";
    public const string Hanging = "Faros.TestPlugins.Hanging";
    public const string Dying = "Faros.TestPlugins.Dying";
    public const string Stuck = "Faros.TestPlugins.Stuck";
    public const string Tampered = "Faros.TestPlugins.Tampered";
    public const string HubOnly = "Faros.TestPlugins.HubOnly";

    private const string ProjectDirectory = "tests/Faros.Agent.Tests/TestPlugins/Faros.TestPlugins";

    private static readonly (string Id, string Version, string PluginType, string Side)[] Plan =
    [
        (Echo, "1.0.0", "Faros.TestPlugins.EchoPluginV1", "device"),
        (Echo, "2.0.0", "Faros.TestPlugins.EchoPluginV2", "device"),
        (Throwing, "1.0.0", "Faros.TestPlugins.ThrowingPlugin", "device"),
        (Hanging, "1.0.0", "Faros.TestPlugins.HangingPlugin", "device"),
        (Dying, "1.0.0", "Faros.TestPlugins.DyingPlugin", "device"),
        (Stuck, "1.0.0", "Faros.TestPlugins.StuckPlugin", "device"),
        (Tampered, "1.0.0", "Faros.TestPlugins.EchoPluginV1", "device"),
        (HubOnly, "1.0.0", "Faros.TestPlugins.EchoPluginV1", "hub"),
        (HubOnly, "2.0.0", "Faros.TestPlugins.EchoPluginV2", "hub"),
    ];

    private readonly TempDirectory _directory;

    private TestPluginPackages(TempDirectory directory, IReadOnlyList<PackedPlugin> packages)
    {
        _directory = directory;
        All = packages;
    }

    public IReadOnlyList<PackedPlugin> All { get; }

    public PackedPlugin Get(string id, string version = "1.0.0") =>
        All.Single(p => p.Id == id && p.Version == version);

    /// <param name="only">Pack only these ids (every planned version of each); all of them when empty.</param>
    public static async Task<TestPluginPackages> PackAsync(params string[] only)
    {
        var configuration = typeof(TestPluginPackages).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var directory = new TempDirectory("test-plugins");
        using var cli = new DotnetCli("test-plugin-pack");
        var packages = new List<PackedPlugin>();
        foreach (var (id, version, pluginType, side) in Plan.Where(p => only.Length == 0 || only.Contains(p.Id)))
        {
            // One output folder per package: the same id is packed in two versions.
            var output = directory.Sub($"{id}.{version}");
            var pack = await cli.RunInAsync(RepositoryRoot.Find(),
            [
                "pack", ProjectDirectory, "-c", configuration, "--no-build", "-o", output,
                $"-p:PackageId={id}", $"-p:Version={version}", $"-p:FarosPluginType={pluginType}", $"-p:FarosPluginSide={side}",
                // Its own manifest folder: other suites pack this project at the same time, with other plugin types.
                $"-p:FarosManifestOutputDirectory={Path.Combine(output, "faros")}/",
            ]);
            if (!pack.Succeeded)
            {
                throw new InvalidOperationException($"Packing {id} {version} failed:{Environment.NewLine}{pack}");
            }

            var path = Path.Combine(output, $"{id}.{version}.nupkg");
            packages.Add(new PackedPlugin(id, version, path, await PackageDigest.ComputeAsync(path, CancellationToken.None)));
        }

        return new TestPluginPackages(directory, packages);
    }

    public void Dispose() => _directory.Dispose();
}
