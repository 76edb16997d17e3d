using System.Text.RegularExpressions;
using Faros.Cli.Infrastructure;
using NuGet.Versioning;

namespace Faros.Cli.Commands.Plugins;

/// <summary>PLUGIN[@RANGE] as typed: a registry package id and an optional NuGet version range (1.2.3, [1.2.3], 1.*).</summary>
public sealed partial record PluginSpecifier(string Package, string? Range)
{
    public static PluginSpecifier Parse(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var package = at < 0 ? text : text[..at];
        var range = at < 0 ? null : text[(at + 1)..];
        if (!PackageId().IsMatch(package))
        {
            throw CliException.Usage($"'{package}' is not a package id; write e.g. Contoso.Thermostat or Contoso.Thermostat@1.*.");
        }

        if (range is not null && !VersionRange.TryParse(range, allowFloating: true, out _))
        {
            throw CliException.Usage($"'{range}' is not a NuGet version range; write e.g. 1.2.3 (at least), [1.2.3] (exactly) or 1.* (latest 1.x).");
        }

        return new PluginSpecifier(package, string.IsNullOrEmpty(range) ? null : range);
    }

    /// <summary>The local name the agent knows the plugin by, from the package id: Contoso.Thermostat → contoso-thermostat.</summary>
    public string DefaultName
    {
        get
        {
            var name = NotLabel().Replace(Package.ToLowerInvariant(), "-").Trim('-');
            return name.Length <= 63 ? name : name[..63].TrimEnd('-');
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$")]
    private static partial Regex PackageId();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotLabel();
}
