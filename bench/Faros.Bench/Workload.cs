using System.Globalization;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Versioning;

namespace Faros.Bench;

/// <summary>The shape of the workload; every field can be overridden from the environment (BENCH_*).</summary>
public sealed record WorkloadOptions(int DistinctCount, int ManyVersions, int PayloadBytes, string IdPrefix, string ManyId, string NarrowPrefix, string BroadWord)
{
    public static WorkloadOptions FromEnvironment() => new(
        Int("BENCH_DISTINCT", 200),
        Int("BENCH_MANY_VERSIONS", 300),
        Int("BENCH_PAYLOAD_BYTES", 1000),
        Text("BENCH_ID_PREFIX", "Faros.Bench.Pkg"),
        Text("BENCH_MANY_ID", "Faros.Bench.Many"),
        Text("BENCH_NARROW_PREFIX", "quasar"),
        Text("BENCH_BROAD_WORD", "lighthouse"));

    private static int Int(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string Text(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}

/// <summary>
/// Writes valid nupkgs with NuGet's own PackageBuilder: a nuspec with id, version, authors and description, an
/// empty lib/netstandard2.0 marker and an incompressible payload so each file is about 3 KB.
/// Package i of the distinct set has the unique description word {NarrowPrefix}{i:D3} (narrow search: one hit);
/// every package has the broad word in its description, and the many-version id also has it as a tag, so the
/// broad search ranks the 300-version id first.
/// </summary>
public static class Workload
{
    public static (int Distinct, int Versions) Write(string outDir, WorkloadOptions options)
    {
        var distinctDir = Directory.CreateDirectory(Path.Combine(outDir, "distinct")).FullName;
        var manyDir = Directory.CreateDirectory(Path.Combine(outDir, "many")).FullName;
        for (var i = 1; i <= options.DistinctCount; i++)
        {
            var id = $"{options.IdPrefix}{i:D3}";
            var description = $"Benchmark fixture package number {i}. Unique word {options.NarrowPrefix}{i:D3}. Shared word {options.BroadWord}.";
            WritePackage(distinctDir, id, new NuGetVersion(1, 0, 0), description, tags: "faros benchmark", seed: i, options.PayloadBytes);
        }

        for (var v = 0; v < options.ManyVersions; v++)
        {
            // 1.0.0 .. 1.0.99, 1.1.0 .. : ordinary SemVer 1 versions, as a long-lived library would have.
            var version = new NuGetVersion(1, v / 100, v % 100);
            var description = $"Benchmark fixture with many versions. Shared word {options.BroadWord}.";
            WritePackage(manyDir, options.ManyId, version, description, tags: $"faros benchmark {options.BroadWord}", seed: 100_000 + v, options.PayloadBytes);
        }

        return (options.DistinctCount, options.ManyVersions);
    }

    private static void WritePackage(string dir, string id, NuGetVersion version, string description, string tags, int seed, int payloadBytes)
    {
        var builder = new PackageBuilder
        {
            Id = id,
            Version = version,
            Description = description,
        };
        builder.Authors.Add("Faros Bench");
        builder.Tags.Add(tags);
        builder.DependencyGroups.Add(new PackageDependencyGroup(NuGetFramework.Parse("netstandard2.0"), []));

        var payload = new byte[payloadBytes];
        new Random(seed).NextBytes(payload);
        builder.Files.Add(new BytesFile("lib/netstandard2.0/_._", []));
        builder.Files.Add(new BytesFile("content/payload.bin", payload));

        var path = Path.Combine(dir, $"{id.ToLowerInvariant()}.{version.ToNormalizedString().ToLowerInvariant()}.nupkg");
        using var stream = File.Create(path);
        builder.Save(stream);
    }

    private sealed class BytesFile(string path, byte[] content) : IPackageFile
    {
        public string Path => path;
        public string? EffectivePath => null;
        public NuGetFramework? NuGetFramework => null;
        [Obsolete("Use NuGetFramework.")]
        public System.Runtime.Versioning.FrameworkName? TargetFramework => null;
        public DateTimeOffset LastWriteTime { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public Stream GetStream() => new MemoryStream(content, writable: false);
    }
}
