using System.IO.Compression;
using System.Text;

namespace Faros.Registry.Tests.Publish;

/// <summary>
/// Packages that are broken in the ways attackers and buggy tools produce. Each is built fresh (with its
/// own ids) when the test runs, so nothing big is held in memory between cases.
/// </summary>
public static class MalformedPackageCorpus
{
    /// <summary>Names of the cases, for [TestCaseSource].</summary>
    public static IEnumerable<string> Names =>
    [
        nameof(NotAZip),
        nameof(TruncatedZip),
        nameof(ZipWithoutNuspec),
        nameof(TwoNuspecs),
        nameof(NuspecFileNameDisagreesWithId),
        nameof(InvalidVersion),
        nameof(ParentDirectoryEntry),
        nameof(AbsolutePathEntry),
        nameof(CompressionBomb),
        nameof(NuspecWithExternalEntity),
    ];

    public static MalformedPackage Create(string name) => name switch
    {
        nameof(NotAZip) => NotAZip(),
        nameof(TruncatedZip) => TruncatedZip(),
        nameof(ZipWithoutNuspec) => ZipWithoutNuspec(),
        nameof(TwoNuspecs) => TwoNuspecs(),
        nameof(NuspecFileNameDisagreesWithId) => NuspecFileNameDisagreesWithId(),
        nameof(InvalidVersion) => InvalidVersion(),
        nameof(ParentDirectoryEntry) => ParentDirectoryEntry(),
        nameof(AbsolutePathEntry) => AbsolutePathEntry(),
        nameof(CompressionBomb) => CompressionBomb(),
        nameof(NuspecWithExternalEntity) => NuspecWithExternalEntity(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown malformed package"),
    };

    private static MalformedPackage NotAZip() =>
        new(nameof(NotAZip), Encoding.UTF8.GetBytes("this is a text file pretending to be a .nupkg"), [], ["zip", "archive"]);

    /// <summary>A real package cut in half: the central directory at the end is gone.</summary>
    private static MalformedPackage TruncatedZip()
    {
        var id = UniqueId();
        var whole = TestPackages.Create(id, "1.0.0").Content;
        return new(nameof(TruncatedZip), whole[..(whole.Length / 2)], [id], ["zip", "archive", "corrupt", "truncated"]);
    }

    private static MalformedPackage ZipWithoutNuspec() =>
        new(nameof(ZipWithoutNuspec), Zip(("lib/netstandard2.0/_._", [])), [], ["nuspec"]);

    private static MalformedPackage TwoNuspecs()
    {
        var first = UniqueId();
        var second = UniqueId();
        var content = Zip(
            ($"{first}.nuspec", Utf8(Nuspec.Minimal(first, "1.0.0"))),
            ($"{second}.nuspec", Utf8(Nuspec.Minimal(second, "1.0.0"))),
            ("lib/netstandard2.0/_._", []));
        return new(nameof(TwoNuspecs), content, [first, second], ["nuspec"]);
    }

    /// <summary>The nuspec's file name claims one id while its &lt;id&gt; says another.</summary>
    private static MalformedPackage NuspecFileNameDisagreesWithId()
    {
        var fileNameId = UniqueId();
        var declaredId = UniqueId();
        var content = Zip(
            ($"{fileNameId}.nuspec", Utf8(Nuspec.Minimal(declaredId, "1.0.0"))),
            ("lib/netstandard2.0/_._", []));
        return new(nameof(NuspecFileNameDisagreesWithId), content, [fileNameId, declaredId], ["id", "name"]);
    }

    private static MalformedPackage InvalidVersion()
    {
        var id = UniqueId();
        var content = Zip(
            ($"{id}.nuspec", Utf8(Nuspec.Minimal(id, "1.0.0.0.0-not_a+version!"))),
            ("lib/netstandard2.0/_._", []));
        return new(nameof(InvalidVersion), content, [id], ["version"]);
    }

    /// <summary>Zip-slip: an entry that would land outside the extraction folder.</summary>
    private static MalformedPackage ParentDirectoryEntry()
    {
        var id = UniqueId();
        var content = Zip(
            ($"{id}.nuspec", Utf8(Nuspec.Minimal(id, "1.0.0"))),
            ("../../evil.txt", Utf8("escaped")));
        return new(nameof(ParentDirectoryEntry), content, [id], ["path", "entry", ".."]);
    }

    private static MalformedPackage AbsolutePathEntry()
    {
        var id = UniqueId();
        var content = Zip(
            ($"{id}.nuspec", Utf8(Nuspec.Minimal(id, "1.0.0"))),
            ("/etc/x", Utf8("absolute")));
        return new(nameof(AbsolutePathEntry), content, [id], ["path", "entry", "absolute"]);
    }

    /// <summary>
    /// 200 MB of zeros that deflate to ~200 KB (ratio ~1000:1, far past any sane threshold). Written in 1 MB chunks straight
    /// into the deflate stream, so it never exists uncompressed in memory and builds in about a second.
    /// </summary>
    private static MalformedPackage CompressionBomb()
    {
        const int Megabyte = 1024 * 1024;
        var id = UniqueId();
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteEntry(zip, $"{id}.nuspec", Utf8(Nuspec.Minimal(id, "1.0.0")));
            var entry = zip.CreateEntry("content/zeros.bin", CompressionLevel.SmallestSize);
            using var stream = entry.Open();
            var zeros = new byte[Megabyte];
            for (var i = 0; i < 200; i++)
            {
                stream.Write(zeros);
            }
        }

        return new(nameof(CompressionBomb), buffer.ToArray(), [id], ["compress", "ratio", "size", "large"]);
    }

    /// <summary>XXE: a DTD declaring an external entity that would read a local file into the description.</summary>
    private static MalformedPackage NuspecWithExternalEntity()
    {
        var id = UniqueId();
        var doctype = """<!DOCTYPE package [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>""";
        var content = Zip(
            ($"{id}.nuspec", Utf8(Nuspec.Minimal(id, "1.0.0", doctype, description: "&xxe;"))),
            ("lib/netstandard2.0/_._", []));
        return new(nameof(NuspecWithExternalEntity), content, [id], ["dtd", "doctype", "entity"]);
    }

    private static string UniqueId() => Infrastructure.UniqueIds.For("Malformed");

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Zip(params (string Path, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                WriteEntry(zip, path, content);
            }
        }

        return buffer.ToArray();
    }

    private static void WriteEntry(ZipArchive zip, string path, byte[] content)
    {
        using var stream = zip.CreateEntry(path).Open();
        stream.Write(content);
    }
}
