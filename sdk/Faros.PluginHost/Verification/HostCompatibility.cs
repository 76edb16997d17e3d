using System.Runtime.InteropServices;
using Faros.Sdk;
using Faros.Sdk.Manifest;
using NuGet.Versioning;

namespace Faros.PluginHost.Verification;

/// <summary>What a plugin must match to run in this host: side, Faros.Sdk version and runtime identifier.</summary>
public sealed record HostCompatibility(string Side, NuGetVersion SdkVersion, IReadOnlyList<string> RuntimeIdentifiers)
{
    /// <summary>This process: the given side, the loaded Faros.Sdk, and this machine's RIDs (exact and portable).</summary>
    public static HostCompatibility ForThisProcess(string side)
    {
        var sdk = typeof(IFarosPlugin).Assembly.GetName().Version ?? new Version(1, 0, 0);
        var portable = $"{PortableOs()}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
        return new HostCompatibility(side, new NuGetVersion(sdk.Major, sdk.Minor, sdk.Build), new[] { RuntimeInformation.RuntimeIdentifier, portable }.Distinct(StringComparer.OrdinalIgnoreCase).ToArray());
    }

    /// <summary>Throws <see cref="PluginRefusedException"/> when <paramref name="manifest"/> cannot run here.</summary>
    public void Require(string packageName, PluginManifest manifest)
    {
        if (manifest.Side != PluginSides.Both && !string.Equals(manifest.Side, Side, StringComparison.Ordinal))
        {
            throw new PluginRefusedException(packageName, RefusalReason.WrongSide,
                $"it runs on the '{manifest.Side}' side and this host is '{Side}'. Fix: list it for the {manifest.Side} side, or rebuild it with FarosPluginSide={Side} or both.");
        }

        if (!VersionRange.Parse(manifest.SdkVersionRange!).Satisfies(SdkVersion))
        {
            throw new PluginRefusedException(packageName, RefusalReason.IncompatibleSdk,
                $"it needs Faros.Sdk {manifest.SdkVersionRange} and this host carries {SdkVersion}. Fix: pick a plugin version built for Faros.Sdk {SdkVersion.Major}.x, or upgrade the host.");
        }

        if (!manifest.RuntimeIdentifiers!.Any(rid => RuntimeIdentifiers.Contains(rid, StringComparer.OrdinalIgnoreCase)))
        {
            throw new PluginRefusedException(packageName, RefusalReason.UnsupportedRuntime,
                $"it supports {string.Join(", ", manifest.RuntimeIdentifiers!)} and this host is {string.Join(" / ", RuntimeIdentifiers)}. Fix: rebuild it with FarosPluginRuntimeIdentifiers including {RuntimeIdentifiers[^1]}.");
        }
    }

    private static string PortableOs() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "osx" : OperatingSystem.IsWindows() ? "win" : "unknown";
}
