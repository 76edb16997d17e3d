using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Faros.Testing;

namespace Faros.Bench.Edge;

/// <summary>
/// Real, loadable plugins for the edge benchmarks: the agent tests' Echo plugin
/// (tests/Faros.Agent.Tests/TestPlugins, built in Release with Faros.Bench) packed with <c>dotnet pack --no-build</c>
/// once per package id, then given more versions by rewriting the version in the nuspec, which is all that differs
/// between two versions of the same code. Pushed signed by the test publisher key, as `kubectl faros plugins publish`
/// would push them. The Echo plugin ships the CRD of its Echo kind; three ids shipping one CRD would have the operator
/// refuse it for two of them (a plugin never takes over another's CRD) and retry on every reconcile, so the bench
/// plugins leave the kind and its CRD out: they are plugins without kinds of their own, and CRD installation is not
/// part of these figures.
/// </summary>
public sealed class BenchPlugins : IDisposable
{
    /// <summary>The id prefix; the benchmarks' trust policies require the test publisher key for <c>Faros.Bench.*</c>.</summary>
    public const string IdPrefix = "Faros.Bench.";

    private const string ProjectDirectory = "tests/Faros.Agent.Tests/TestPlugins/Faros.TestPlugins";
    private readonly TempDirectory _directory = new("bench-plugins");
    private readonly Dictionary<string, byte[]> _packed = new(StringComparer.Ordinal);

    /// <summary>Packs one package per id at version 1.0.0 (the Echo plugin, v1 type).</summary>
    public async Task PackAsync(params string[] ids)
    {
        using var cli = new DotnetCli("bench-plugin-pack");
        foreach (var id in ids)
        {
            var output = _directory.Sub(id);
            var pack = await cli.RunInAsync(RepositoryRoot.Find(),
            [
                "pack", ProjectDirectory, "-c", "Release", "--no-build", "-o", output,
                $"-p:PackageId={id}", "-p:Version=1.0.0", "-p:FarosPluginType=Faros.TestPlugins.EchoPluginV1", "-p:FarosPluginSide=device",
                $"-p:FarosManifestOutputDirectory={Path.Combine(output, "faros")}/",
            ]);
            if (!pack.Succeeded)
            {
                throw new InvalidOperationException($"Packing {id} failed:{Environment.NewLine}{pack}");
            }

            _packed[id] = await File.ReadAllBytesAsync(Path.Combine(output, $"{id}.1.0.0.nupkg"));
        }
    }

    /// <summary>The nupkg of <paramref name="id"/> at <paramref name="version"/> (packed ids only).</summary>
    public byte[] Package(string id, string version) => Repack(_packed[id], version);

    /// <summary>Pushes <paramref name="id"/> <paramref name="version"/> with a Sigstore bundle from the test publisher key.</summary>
    public static async Task PushAsync(RegistryProcess registry, HttpClient http, string id, string version, byte[] nupkg, byte[] sigstoreBundle)
    {
        using var response = await new PackagePublishClient(http).PushWithBundleAsync(nupkg, sigstoreBundle, registry.BootstrapApiKey);
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"Pushing {id} {version} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public Task PushAsync(RegistryProcess registry, HttpClient http, string id, string version)
    {
        var nupkg = Package(id, version);
        return PushAsync(registry, http, id, version, nupkg, TestPublisherKey.Sign(nupkg));
    }

    /// <summary>The package at <paramref name="version"/>, without its kinds and CRDs.</summary>
    private static byte[] Repack(byte[] nupkg, string version)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(nupkg), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.Where(e => !e.FullName.StartsWith("crds/", StringComparison.Ordinal)))
            {
                using var read = entry.Open();
                using var write = target.CreateEntry(entry.FullName, CompressionLevel.Optimal).Open();
                if (entry.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase) && !entry.FullName.Contains('/', StringComparison.Ordinal))
                {
                    var nuspec = XDocument.Load(read);
                    nuspec.Descendants().Single(e => e.Name.LocalName == "version" && e.Parent?.Name.LocalName == "metadata").Value = version;
                    nuspec.Save(write);
                }
                else if (entry.FullName == "faros-plugin.json")
                {
                    var manifest = JsonNode.Parse(read)!.AsObject();
                    manifest["kinds"] = new JsonArray();
                    manifest["crds"] = new JsonArray();
                    using var json = new Utf8JsonWriter(write, new JsonWriterOptions { Indented = true });
                    manifest.WriteTo(json);
                }
                else
                {
                    read.CopyTo(write);
                }
            }
        }

        return output.ToArray();
    }

    public void Dispose() => _directory.Dispose();
}
