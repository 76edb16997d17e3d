using System.Text.Json;
using Faros.Sdk.Manifest;

namespace Faros.Sdk.Build;

/// <summary>
/// Combines project properties (packaging facts) with assembly metadata (plugin type, reconciled kinds),
/// writes faros-plugin.json and the CRDs into an output folder, and validates the result with the same
/// validator the registry runs at push.
/// </summary>
internal static class ManifestGenerator
{
    public static ManifestGeneration Generate(ProjectFacts facts, string assemblyPath, string outputDirectory)
    {
        var errors = new List<BuildError>();
        var assembly = PluginAssemblyInspector.Inspect(assemblyPath);
        var name = facts.Single("name");

        var pluginType = ChoosePluginType(facts.Single("pluginType"), assembly, errors);
        var sdkRange = assembly.SdkVersion is { } v ? $"[{v.Major}.{v.Minor}.{Math.Max(v.Build, 0)}, {v.Major + 1}.0.0)" : null;
        if (sdkRange is null)
        {
            errors.Add(new BuildError(ErrorCodes.NoSdkReference,
                $"{Path.GetFileName(assemblyPath)} does not reference Faros.Sdk. Fix: add a PackageReference to Faros.Sdk and implement IFarosPlugin."));
        }

        var kinds = assembly.ReconciledKinds.Concat(KindItems(facts, errors)).ToList();
        var crdFolder = Path.Combine(outputDirectory, "crds");
        if (Directory.Exists(crdFolder))
        {
            Directory.Delete(crdFolder, recursive: true);
        }

        Directory.CreateDirectory(crdFolder);
        var crds = new List<string>();
        var handWritten = facts.Single("crdSourceDirectory") is { } source && Directory.Exists(source) ? source : null;
        for (var i = 0; i < kinds.Count; i++)
        {
            var kind = kinds[i];
            if (string.IsNullOrEmpty(kind.Group) || string.IsNullOrEmpty(kind.Kind) || string.IsNullOrEmpty(kind.Plural) || string.IsNullOrEmpty(kind.Version))
            {
                continue; // The validator names what is missing; no CRD can be written for it.
            }

            var fileName = CrdWriter.FileName(kind);
            var handWrittenFile = handWritten is null ? null : Path.Combine(handWritten, fileName);
            var target = Path.Combine(crdFolder, fileName);
            if (handWrittenFile is not null && File.Exists(handWrittenFile))
            {
                File.Copy(handWrittenFile, target, overwrite: true);
            }
            else
            {
                File.WriteAllText(target, CrdWriter.Render(kind, name ?? ""));
            }

            var packagePath = PluginPackageConventions.CrdFolder + fileName;
            crds.Add(packagePath);
            kinds[i] = new PluginKind { Group = kind.Group, Version = kind.Version, Kind = kind.Kind, Plural = kind.Plural, Crd = packagePath };
        }

        var manifest = new PluginManifest
        {
            Name = name,
            DisplayName = facts.Single("displayName") ?? name,
            Description = facts.Single("description"),
            Side = facts.Single("side"),
            EntryAssembly = Path.GetFileName(assemblyPath),
            PluginType = pluginType,
            SdkVersionRange = sdkRange,
            RuntimeIdentifiers = facts.List("runtimeIdentifiers"),
            Kinds = kinds,
            Crds = crds.Distinct(StringComparer.Ordinal).ToArray(),
            Permissions = Permissions(facts),
            Category = facts.Single("category"),
            Tags = facts.List("tags").Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray(),
            ConfigSchema = ConfigSchema(facts.Single("configSchema"), errors),
        };

        errors.AddRange(PluginManifestValidator.Validate(manifest).Select(ErrorCodes.ForDefect));
        if (errors.Count > 0)
        {
            return new ManifestGeneration(null, errors);
        }

        using (var stream = File.Create(Path.Combine(outputDirectory, PluginPackageConventions.ManifestFileName)))
        {
            PluginManifestWriter.Write(manifest, stream);
        }

        return new ManifestGeneration(manifest, errors);
    }

    private static string? ChoosePluginType(string? configured, PluginAssemblyFacts assembly, List<BuildError> errors)
    {
        if (configured is not null)
        {
            if (!assembly.PluginTypes.Contains(configured, StringComparer.Ordinal))
            {
                errors.Add(new BuildError(ErrorCodes.PluginTypeNotFound,
                    $"FarosPluginType '{configured}' is not a public concrete class implementing Faros.Sdk.IFarosPlugin in the assembly. Fix: name one of: {Describe(assembly.PluginTypes)}."));
            }

            return configured;
        }

        if (assembly.PluginTypes.Count > 1)
        {
            errors.Add(new BuildError(ErrorCodes.SeveralPluginTypes,
                $"Several plugin types found ({Describe(assembly.PluginTypes)}). Fix: set FarosPluginType to the one the host should load."));
        }

        // With none, the manifest has no pluginType and the validator reports FAROS105.
        return assembly.PluginTypes.Count >= 1 ? assembly.PluginTypes[0] : null;
    }

    private static string Describe(IReadOnlyList<string> types) => types.Count == 0 ? "none found" : string.Join(", ", types);

    /// <summary>Kinds declared as FarosKind items: <c>kind=Kind|group|version|plural</c>.</summary>
    private static IEnumerable<PluginKind> KindItems(ProjectFacts facts, List<BuildError> errors)
    {
        foreach (var line in facts.All("kind"))
        {
            var parts = line.Split('|');
            if (parts.Length != 4)
            {
                errors.Add(new BuildError(ErrorCodes.MalformedKindItem, $"FarosKind item '{line}' could not be read. Fix: give Group, Version and Plural metadata."));
                continue;
            }

            yield return new PluginKind
            {
                Kind = parts[0],
                Group = parts[1],
                Version = parts[2],
                Plural = parts[3].Length > 0 ? parts[3] : parts[0].ToLowerInvariant() + "s",
            };
        }
    }

    /// <summary>
    /// Permissions from items: <c>devicePermission=capability|reason</c> and
    /// <c>kubernetesPermission=resource|apiGroup|verb,verb|reason</c>.
    /// </summary>
    private static IReadOnlyList<PluginPermission> Permissions(ProjectFacts facts)
    {
        var permissions = new List<PluginPermission>();
        foreach (var line in facts.All("devicePermission"))
        {
            var parts = line.Split('|', 2);
            permissions.Add(new PluginPermission { Scope = PermissionScopes.Device, Capability = parts[0], Reason = parts.Length > 1 ? parts[1] : null });
        }

        foreach (var line in facts.All("kubernetesPermission"))
        {
            var parts = line.Split('|', 4);
            permissions.Add(new PluginPermission
            {
                Scope = PermissionScopes.Kubernetes,
                Resource = parts[0],
                ApiGroup = parts.Length > 1 ? parts[1] : "",
                Verbs = parts.Length > 2 ? parts[2].Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [],
                Reason = parts.Length > 3 ? parts[3] : null,
            });
        }

        return permissions;
    }

    private static JsonElement? ConfigSchema(string? path, List<BuildError> errors)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.Clone();
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            errors.Add(new BuildError(ErrorCodes.UnreadableConfigSchema, $"Config schema '{path}' could not be read as JSON: {ex.Message} Fix: point FarosPluginConfigSchema at a valid JSON schema file."));
            return null;
        }
    }
}
