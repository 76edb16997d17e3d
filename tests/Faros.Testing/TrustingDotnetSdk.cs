using System.Runtime.InteropServices;

namespace Faros.Testing;

/// <summary>
/// A private view of the installed .NET SDK whose NuGet code-signing and timestamping trust bundles also hold test roots, so that
/// `dotnet nuget sign/verify` and `dotnet restore` trust a certificate authority made by the test, without touching
/// the machine. On Linux NuGet trusts only /etc/pki/ca-trust/extracted/pem/objsign-ca-bundle.pem or, failing that,
/// trustedroots/codesignctl.pem beside its own NuGet.Packaging.dll, and no setting or environment variable points
/// elsewhere. So this directory mirrors the SDK: the muxer and hostfxr copied (the host finds the SDK next to
/// itself), the SDK's top-level files hard-linked (the runtime resolves symbolic links, which would lead back to the
/// real SDK and its bundle), every sub-directory symbolically linked, and trustedroots/ a real directory with the
/// extended bundles. Creating it takes milliseconds and no disk space beyond the small copies.
/// </summary>
public sealed class TrustingDotnetSdk : IDisposable
{
    private readonly TempDirectory _root;

    public TrustingDotnetSdk(params string[] trustedRootPemFiles)
    {
        var realRoot = Path.GetDirectoryName(ResolveHostPath())!;
        _root = new TempDirectory("trusting-sdk");
        foreach (var entry in Directory.EnumerateFileSystemEntries(realRoot))
        {
            var name = Path.GetFileName(entry);
            var target = Path.Combine(_root.Path, name);
            switch (name)
            {
                case "dotnet":
                    File.Copy(entry, target);
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(target, File.GetUnixFileMode(entry));
                    }

                    break;
                case "host":
                    CopyDirectory(entry, target);
                    break;
                case "sdk":
                    MirrorSdks(entry, target, trustedRootPemFiles);
                    break;
                default:
                    File.CreateSymbolicLink(target, entry);
                    break;
            }
        }

        DotnetPath = Path.Combine(_root.Path, "dotnet");
    }

    /// <summary>The muxer to run instead of `dotnet`; see <see cref="DotnetCli.DotnetPath"/>.</summary>
    public string DotnetPath { get; }

    public void Dispose() => _root.Dispose();

    private static string ResolveHostPath()
    {
        var host = DotnetHost.Path;
        if (!Path.IsPathRooted(host))
        {
            host = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Select(directory => Path.Combine(directory, host))
                .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("`dotnet` is not on PATH.");
        }

        return new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(host);
    }

    private static void MirrorSdks(string realSdks, string sdks, IReadOnlyList<string> trustedRootPemFiles)
    {
        Directory.CreateDirectory(sdks);
        foreach (var version in Directory.EnumerateDirectories(realSdks))
        {
            var mirror = Path.Combine(sdks, Path.GetFileName(version));
            Directory.CreateDirectory(mirror);
            foreach (var file in Directory.EnumerateFiles(version))
            {
                HardLinkOrCopy(file, Path.Combine(mirror, Path.GetFileName(file)));
            }

            foreach (var directory in Directory.EnumerateDirectories(version))
            {
                var name = Path.GetFileName(directory);
                if (name != "trustedroots")
                {
                    File.CreateSymbolicLink(Path.Combine(mirror, name), directory);
                }
            }

            var trustedRoots = Directory.CreateDirectory(Path.Combine(mirror, "trustedroots")).FullName;
            // The same roots anchor code-signing chains and the chains of timestamp authorities the test runs.
            foreach (var bundle in new[] { "codesignctl.pem", "timestampctl.pem" })
            {
                var real = Path.Combine(version, "trustedroots", bundle);
                var content = (File.Exists(real) ? File.ReadAllText(real) : "") + Environment.NewLine +
                              string.Join(Environment.NewLine, trustedRootPemFiles.Select(File.ReadAllText));
                File.WriteAllText(Path.Combine(trustedRoots, bundle), content);
            }
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            CopyDirectory(directory, Path.Combine(target, Path.GetFileName(directory)));
        }
    }

    private static void HardLinkOrCopy(string source, string target)
    {
        if (link(source, target) != 0)
        {
            File.Copy(source, target);
        }
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054, CA2101 // A plain libc call; no marshalling generator needed for two path strings.
    private static extern int link(string existingPath, string newPath);
#pragma warning restore SYSLIB1054, CA2101
}
