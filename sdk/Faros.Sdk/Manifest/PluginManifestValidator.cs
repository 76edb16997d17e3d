using System.Text.Json;
using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace Faros.Sdk.Manifest;

/// <summary>
/// Checks a manifest's content. The same rules run in the SDK build targets (failing the build),
/// in the registry at push (400 naming each defect), and in the operator and agent before loading.
/// </summary>
public static partial class PluginManifestValidator
{
    private const int MaxNameLength = 100;
    private const int MaxTags = 20;

    /// <summary>Validates the manifest on its own. An empty list means valid.</summary>
    public static IReadOnlyList<ManifestDefect> Validate(PluginManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var defects = new List<ManifestDefect>();
        CheckSchemaVersion(manifest, defects);
        CheckIdentity(manifest, defects);
        CheckSide(manifest, defects);
        CheckEntryPoint(manifest, defects);
        CheckSdkVersionRange(manifest, defects);
        CheckRuntimeIdentifiers(manifest, defects);
        CheckKindsAndCrds(manifest, defects);
        CheckPermissions(manifest, defects);
        CheckCategoryAndTags(manifest, defects);
        CheckConfigSchema(manifest, defects);
        return defects;
    }

    /// <summary>Validates the manifest and that the package it came in matches it. An empty list means valid.</summary>
    public static IReadOnlyList<ManifestDefect> Validate(PluginManifest manifest, PluginPackageContents package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var defects = new List<ManifestDefect>(Validate(manifest));
        var files = new HashSet<string>(package.Files.Select(f => f.Replace('\\', '/').TrimStart('/')), StringComparer.OrdinalIgnoreCase);

        if (manifest.Name is { Length: > 0 } name && !string.Equals(name, package.PackageId, StringComparison.OrdinalIgnoreCase))
        {
            defects.Add(new("name", $"Manifest name '{name}' differs from package id '{package.PackageId}'.",
                "Leave FarosPluginName unset so it defaults to the PackageId, or make them equal."));
        }

        if (IsPlainFileName(manifest.EntryAssembly) && !files.Contains(PluginPackageConventions.LibFolder + manifest.EntryAssembly))
        {
            defects.Add(new("entryAssembly", $"'{PluginPackageConventions.LibFolder}{manifest.EntryAssembly}' is not in the package.",
                "Pack with the Faros.Sdk targets (IsFarosPlugin=true), which put the build output under lib/net10.0/."));
        }

        for (var i = 0; i < (manifest.Crds?.Count ?? 0); i++)
        {
            var crd = manifest.Crds![i];
            if (IsPackagePathUnder(crd, PluginPackageConventions.CrdFolder) && !files.Contains(crd))
            {
                defects.Add(new($"crds[{i}]", $"CRD '{crd}' is listed but not in the package.",
                    "Pack with the Faros.Sdk targets, which pack every generated or hand-written CRD under crds/."));
            }
        }

        if (files.Contains(PluginPackageConventions.LibFolder + PluginPackageConventions.SdkAssemblyFileName))
        {
            defects.Add(new("$", $"The package carries its own {PluginPackageConventions.SdkAssemblyFileName}; the host shares one copy with every plugin.",
                "Pack with the Faros.Sdk targets, which leave the SDK and its dependencies out of the package."));
        }

        return defects;
    }

    private static void CheckSchemaVersion(PluginManifest m, List<ManifestDefect> defects)
    {
        if (m.SchemaVersion != PluginManifest.CurrentSchemaVersion)
        {
            defects.Add(new("schemaVersion", $"Schema version {m.SchemaVersion} is not supported; expected {PluginManifest.CurrentSchemaVersion}.",
                "Rebuild the plugin with a Faros.Sdk that writes schema version 1."));
        }
    }

    private static void CheckIdentity(PluginManifest m, List<ManifestDefect> defects)
    {
        if (string.IsNullOrWhiteSpace(m.Name))
        {
            defects.Add(new("name", "Name is missing.", "Set PackageId (or FarosPluginName) in the plugin project."));
        }
        else if (m.Name.Length > MaxNameLength || !PackageIdPattern().IsMatch(m.Name))
        {
            defects.Add(new("name", $"Name '{m.Name}' is not a valid package id (letters, digits, '.', '-', '_', at most {MaxNameLength} characters).",
                "Set PackageId to something like Acme.Thermostat."));
        }

        if (string.IsNullOrWhiteSpace(m.DisplayName))
        {
            defects.Add(new("displayName", "Display name is missing.", "Set FarosPluginDisplayName (defaults to Title, then the package id)."));
        }
        else if (m.DisplayName.Length > MaxNameLength)
        {
            defects.Add(new("displayName", $"Display name is longer than {MaxNameLength} characters.", "Shorten FarosPluginDisplayName."));
        }
    }

    private static void CheckSide(PluginManifest m, List<ManifestDefect> defects)
    {
        if (string.IsNullOrWhiteSpace(m.Side))
        {
            defects.Add(new("side", "Side is missing.", "Set FarosPluginSide to device, hub or both."));
        }
        else if (!PluginSides.All.Contains(m.Side, StringComparer.Ordinal))
        {
            defects.Add(new("side", $"Side '{m.Side}' is not one of device, hub, both.", "Set FarosPluginSide to device, hub or both."));
        }
    }

    private static void CheckEntryPoint(PluginManifest m, List<ManifestDefect> defects)
    {
        if (string.IsNullOrWhiteSpace(m.EntryAssembly))
        {
            defects.Add(new("entryAssembly", "Entry assembly is missing.", "Build with the Faros.Sdk targets; they record the project's output assembly."));
        }
        else if (!IsPlainFileName(m.EntryAssembly) || !m.EntryAssembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            defects.Add(new("entryAssembly", $"Entry assembly '{m.EntryAssembly}' must be a .dll file name without folders.",
                "Build with the Faros.Sdk targets; they record the project's output assembly."));
        }

        if (string.IsNullOrWhiteSpace(m.PluginType))
        {
            defects.Add(new("pluginType", "Plugin type is missing.",
                "Add one public non-abstract class implementing Faros.Sdk.IFarosPlugin (or deriving from FarosPlugin), or set FarosPluginType."));
        }
        else if (!TypeNamePattern().IsMatch(m.PluginType))
        {
            defects.Add(new("pluginType", $"Plugin type '{m.PluginType}' is not a full CLR type name like Acme.Thermostat.ThermostatPlugin.",
                "Set FarosPluginType to the namespace-qualified name of the plugin class."));
        }
    }

    private static void CheckSdkVersionRange(PluginManifest m, List<ManifestDefect> defects)
    {
        if (string.IsNullOrWhiteSpace(m.SdkVersionRange))
        {
            defects.Add(new("sdkVersionRange", "SDK version range is missing.", "Reference Faros.Sdk; the targets derive the range from its version."));
            return;
        }

        if (!VersionRange.TryParse(m.SdkVersionRange, out var range))
        {
            defects.Add(new("sdkVersionRange", $"'{m.SdkVersionRange}' is not a NuGet version range.", "Use a range such as [1.0.0, 2.0.0)."));
        }
        else if (!range.HasLowerBound)
        {
            defects.Add(new("sdkVersionRange", $"Range '{m.SdkVersionRange}' has no lower bound, so no host can know it is compatible.",
                "Use a range such as [1.0.0, 2.0.0)."));
        }
    }

    private static void CheckRuntimeIdentifiers(PluginManifest m, List<ManifestDefect> defects)
    {
        if (m.RuntimeIdentifiers is null || m.RuntimeIdentifiers.Count == 0)
        {
            defects.Add(new("runtimeIdentifiers", "No runtime identifiers are listed.",
                "Set FarosPluginRuntimeIdentifiers, e.g. linux-x64;linux-arm64 (the default)."));
            return;
        }

        for (var i = 0; i < m.RuntimeIdentifiers.Count; i++)
        {
            var rid = m.RuntimeIdentifiers[i];
            if (rid is null || !RuntimeIdentifierPattern().IsMatch(rid))
            {
                defects.Add(new($"runtimeIdentifiers[{i}]", $"'{rid}' is not a runtime identifier such as linux-x64.",
                    "Use portable RIDs in FarosPluginRuntimeIdentifiers: linux-x64, linux-arm64, linux-arm, win-x64, osx-arm64."));
            }
        }
    }

    private static void CheckKindsAndCrds(PluginManifest m, List<ManifestDefect> defects)
    {
        var crds = m.Crds ?? [];
        for (var i = 0; i < crds.Count; i++)
        {
            if (!IsPackagePathUnder(crds[i], PluginPackageConventions.CrdFolder)
                || !(crds[i].EndsWith(".yaml", StringComparison.Ordinal) || crds[i].EndsWith(".yml", StringComparison.Ordinal) || crds[i].EndsWith(".json", StringComparison.Ordinal)))
            {
                defects.Add(new($"crds[{i}]", $"CRD path '{crds[i]}' must be a .yaml, .yml or .json file under crds/ without '..'.",
                    "Put hand-written CRDs in the project's crds/ folder, or let the targets generate them."));
            }
        }

        var kinds = m.Kinds ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < kinds.Count; i++)
        {
            var kind = kinds[i];
            var at = $"kinds[{i}]";
            if (kind is null)
            {
                defects.Add(new(at, "Kind entry is null.", "Remove the entry."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(kind.Group))
            {
                defects.Add(new($"{at}.group", $"Kind '{kind.Kind}' has no API group; custom resources cannot live in the core group.",
                    "Set Group on the resource's [KubernetesEntity] attribute (or FarosKind item), e.g. acme.example.com."));
            }
            else if (!kind.Group.Contains('.', StringComparison.Ordinal) || !DnsSubdomainPattern().IsMatch(kind.Group) || kind.Group.Length > 253)
            {
                defects.Add(new($"{at}.group", $"Group '{kind.Group}' must be a lowercase DNS subdomain with at least one dot.",
                    "Use a domain you own, e.g. acme.example.com."));
            }

            if (string.IsNullOrWhiteSpace(kind.Version) || !ApiVersionPattern().IsMatch(kind.Version))
            {
                defects.Add(new($"{at}.version", $"Version '{kind.Version}' is not a Kubernetes API version such as v1, v1beta1 or v1alpha1.",
                    "Set ApiVersion on the resource's [KubernetesEntity] attribute."));
            }

            if (string.IsNullOrWhiteSpace(kind.Kind) || !KindPattern().IsMatch(kind.Kind))
            {
                defects.Add(new($"{at}.kind", $"Kind '{kind.Kind}' must be PascalCase letters and digits.", "Set Kind on the resource's [KubernetesEntity] attribute, e.g. Thermostat."));
            }

            if (string.IsNullOrWhiteSpace(kind.Plural) || !DnsLabelPattern().IsMatch(kind.Plural))
            {
                defects.Add(new($"{at}.plural", $"Plural '{kind.Plural}' must be a lowercase DNS label.", "Set PluralName on the resource's [KubernetesEntity] attribute, e.g. thermostats."));
            }

            if (string.IsNullOrWhiteSpace(kind.Crd))
            {
                defects.Add(new($"{at}.crd", $"Kind '{kind.Kind}' names no CRD.", "Let the targets generate the CRD, or add crds/<plural>.<group>.yaml."));
            }
            else if (!crds.Contains(kind.Crd, StringComparer.Ordinal))
            {
                defects.Add(new($"{at}.crd", $"CRD '{kind.Crd}' is not listed in crds.", "List every kind's CRD in crds."));
            }

            if (!seen.Add($"{kind.Group}/{kind.Kind}"))
            {
                defects.Add(new(at, $"Kind {kind.Group}/{kind.Kind} is listed twice.", "Reconcile each kind with one reconciler."));
            }
        }
    }

    private static void CheckPermissions(PluginManifest m, List<ManifestDefect> defects)
    {
        var permissions = m.Permissions ?? [];
        for (var i = 0; i < permissions.Count; i++)
        {
            var p = permissions[i];
            var at = $"permissions[{i}]";
            if (p is null)
            {
                defects.Add(new(at, "Permission entry is null.", "Remove the entry."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(p.Reason))
            {
                defects.Add(new($"{at}.reason", "Permission has no reason; whoever approves the install needs one.", "Set the Reason metadata on the permission item."));
            }

            switch (p.Scope)
            {
                case PermissionScopes.Device:
                    if (p.Capability is null || !DeviceCapabilities.All.Contains(p.Capability, StringComparer.Ordinal))
                    {
                        defects.Add(new($"{at}.capability", $"Device capability '{p.Capability}' is unknown.",
                            $"Use one of: {string.Join(", ", DeviceCapabilities.All)}."));
                    }

                    break;
                case PermissionScopes.Kubernetes:
                    if (string.IsNullOrWhiteSpace(p.Resource) || p.Resource.Contains('*', StringComparison.Ordinal))
                    {
                        defects.Add(new($"{at}.resource", $"Kubernetes permission names no concrete resource ('{p.Resource}').", "Name the plural resource, e.g. configmaps."));
                    }

                    if (p.ApiGroup is { } group && group.Contains('*', StringComparison.Ordinal))
                    {
                        defects.Add(new($"{at}.apiGroup", "Wildcard API groups are not granted.", "Name the API group; empty for the core group."));
                    }

                    if (p.Verbs is null || p.Verbs.Count == 0)
                    {
                        defects.Add(new($"{at}.verbs", "Kubernetes permission lists no verbs.", "List the verbs needed, e.g. get;list;watch."));
                    }
                    else
                    {
                        foreach (var verb in p.Verbs.Where(v => !KubernetesVerbs.All.Contains(v, StringComparer.Ordinal)))
                        {
                            defects.Add(new($"{at}.verbs", $"Verb '{verb}' is not granted.", $"Use concrete verbs: {string.Join(", ", KubernetesVerbs.All)}."));
                        }
                    }

                    break;
                default:
                    defects.Add(new($"{at}.scope", $"Scope '{p.Scope}' is not kubernetes or device.",
                        "Declare FarosKubernetesPermission or FarosDevicePermission items."));
                    break;
            }
        }
    }

    private static void CheckCategoryAndTags(PluginManifest m, List<ManifestDefect> defects)
    {
        if (string.IsNullOrWhiteSpace(m.Category))
        {
            defects.Add(new("category", "Category is missing.", $"Set FarosPluginCategory to one of: {string.Join(", ", PluginCategories.All)}."));
        }
        else if (!PluginCategories.All.Contains(m.Category, StringComparer.Ordinal))
        {
            defects.Add(new("category", $"Category '{m.Category}' is unknown.", $"Set FarosPluginCategory to one of: {string.Join(", ", PluginCategories.All)}."));
        }

        var tags = m.Tags ?? [];
        if (tags.Count > MaxTags)
        {
            defects.Add(new("tags", $"{tags.Count} tags given; at most {MaxTags} are kept.", "Trim PackageTags."));
        }

        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i] is null || !TagPattern().IsMatch(tags[i]))
            {
                defects.Add(new($"tags[{i}]", $"Tag '{tags[i]}' must be lowercase letters, digits and '-', at most 50 characters.", "Fix PackageTags."));
            }
        }
    }

    private static void CheckConfigSchema(PluginManifest m, List<ManifestDefect> defects)
    {
        if (m.ConfigSchema is not { } schema)
        {
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            defects.Add(new("configSchema", $"Config schema is a JSON {schema.ValueKind}, not a JSON schema object.",
                "Point FarosPluginConfigSchema at a JSON schema file whose root is an object."));
            return;
        }

        if (!schema.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
        {
            defects.Add(new("configSchema.type", "Config schema must describe an object (\"type\": \"object\"); plugin configuration is a JSON object.",
                "Add \"type\": \"object\" at the root of the config schema."));
        }
    }

    private static bool IsPlainFileName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.IndexOfAny(['/', '\\']) < 0 && name is not ("." or "..");

    private static bool IsPackagePathUnder(string? path, string folder) =>
        !string.IsNullOrWhiteSpace(path)
        && path.StartsWith(folder, StringComparison.Ordinal)
        && path.Length > folder.Length
        && !path.Contains('\\', StringComparison.Ordinal)
        && !path.Split('/').Contains("..");

    [GeneratedRegex(@"^[A-Za-z0-9_]+([.\-][A-Za-z0-9_]+)*$")]
    private static partial Regex PackageIdPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\+[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex TypeNamePattern();

    [GeneratedRegex(@"^[a-z][a-z0-9]*(\.?[0-9]+)*(-[a-z0-9]+)*$")]
    private static partial Regex RuntimeIdentifierPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomainPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabelPattern();

    [GeneratedRegex(@"^v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?$")]
    private static partial Regex ApiVersionPattern();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex KindPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9\-]{0,49}$")]
    private static partial Regex TagPattern();
}
