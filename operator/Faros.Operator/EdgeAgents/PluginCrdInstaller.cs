using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using Faros.Api;
using Faros.Api.Crds;
using Faros.Api.Edge;
using Faros.Sdk.Manifest;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Faros.Operator.EdgeAgents;

/// <summary>
/// Installs the CRDs a plugin package ships, the first time an Agent references that pinned version: the
/// package is downloaded, its SHA-512 checked against the pinned digest before anything in it is read, and
/// each CRD listed in faros-plugin.json is applied labelled with its owning plugin. A plugin may define only
/// the kinds its manifest declares, never a Faros group's, and never take over another plugin's CRD.
/// </summary>
public sealed class PluginCrdInstaller
{
    /// <summary>Label naming the plugin package that owns a CRD.</summary>
    public const string OwnerLabel = "faros.sh/plugin";

    /// <summary>Label naming the plugin version that last applied a CRD.</summary>
    public const string VersionLabel = "faros.sh/plugin-version";

    private static readonly HashSet<string> ReservedGroups = [ApiGroups.Edge, ApiGroups.Core, ApiGroups.Intelligence];
    private readonly IKubernetes _client;
    private readonly HttpClient _http;
    private readonly ILogger<PluginCrdInstaller> _logger;
    private readonly ConcurrentDictionary<string, Lazy<Task>> _installed = new(StringComparer.OrdinalIgnoreCase);

    public PluginCrdInstaller(IKubernetes client, HttpClient http, ILogger<PluginCrdInstaller> logger)
    {
        _client = client;
        _http = http;
        _logger = logger;
    }

    /// <summary>Installs the CRDs of <paramref name="pinned"/> once per package version.</summary>
    /// <exception cref="PluginCrdException">The package or one of its CRDs is unacceptable; the message says why.</exception>
    public Task EnsureAsync(PluginStatus pinned, CancellationToken cancellationToken)
    {
        var key = $"{pinned.Package}/{pinned.Version}/{pinned.Digest}";
        var install = _installed.GetOrAdd(key, _ => new Lazy<Task>(() => InstallAsync(pinned, CancellationToken.None)));
        if (install.Value.IsFaulted || install.Value.IsCanceled)
        {
            _installed.TryRemove(new KeyValuePair<string, Lazy<Task>>(key, install));
        }

        return install.Value.WaitAsync(cancellationToken);
    }

    private async Task InstallAsync(PluginStatus pinned, CancellationToken cancellationToken)
    {
        var bytes = await _http.GetByteArrayAsync(pinned.DownloadUrl, cancellationToken);
        var digest = "sha512-" + Convert.ToBase64String(SHA512.HashData(bytes));
        if (!string.Equals(digest, pinned.Digest, StringComparison.Ordinal))
        {
            throw new PluginCrdException($"{pinned.Package} {pinned.Version} downloaded from {pinned.DownloadUrl} does not match its pinned digest; nothing from it was installed.");
        }

        using var package = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var manifestEntry = package.GetEntry(PluginPackageConventions.ManifestFileName)
            ?? throw new PluginCrdException($"{pinned.Package} {pinned.Version} has no {PluginPackageConventions.ManifestFileName}.");
        PluginManifest manifest;
        using (var stream = manifestEntry.Open())
        {
            manifest = PluginManifestReader.Read(stream);
        }

        var definitions = new List<V1CustomResourceDefinition>();
        foreach (var kind in manifest.Kinds ?? [])
        {
            if (kind.Crd is null)
            {
                continue;
            }

            var entry = package.GetEntry(kind.Crd) ?? throw new PluginCrdException($"{pinned.Package} {pinned.Version} names CRD {kind.Crd}, which the package lacks.");
            using var reader = new StreamReader(entry.Open());
            var definition = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await reader.ReadToEndAsync(cancellationToken));
            Check(pinned, kind, definition);
            definition.Metadata.Labels ??= new Dictionary<string, string>();
            definition.Metadata.Labels[OwnerLabel] = pinned.Package!;
            definition.Metadata.Labels[VersionLabel] = pinned.Version!;
            if (await MayApplyAsync(pinned, definition, cancellationToken))
            {
                definitions.Add(definition);
            }
        }

        if (definitions.Count > 0)
        {
            await CustomResourceDefinitionInstaller.InstallAsync(_client, definitions, TimeSpan.FromSeconds(60), cancellationToken);
            _logger.LogInformation("Installed {Count} CRD(s) of plugin {Package} {Version}: {Names}", definitions.Count, pinned.Package, pinned.Version, string.Join(", ", definitions.Select(d => d.Metadata.Name)));
        }
    }

    private static void Check(PluginStatus pinned, PluginKind kind, V1CustomResourceDefinition? definition)
    {
        if (definition?.Spec?.Names is null || definition.Metadata?.Name is null)
        {
            throw new PluginCrdException($"{pinned.Package} {pinned.Version}: {kind.Crd} is not a CustomResourceDefinition.");
        }

        if (definition.Spec.Group != kind.Group || definition.Spec.Names.Kind != kind.Kind)
        {
            throw new PluginCrdException($"{pinned.Package} {pinned.Version}: {kind.Crd} defines {definition.Spec.Names.Kind}.{definition.Spec.Group}, not the declared {kind.Kind}.{kind.Group}.");
        }

        if (ReservedGroups.Contains(definition.Spec.Group))
        {
            throw new PluginCrdException($"{pinned.Package} {pinned.Version}: group {definition.Spec.Group} belongs to Faros itself; plugins define kinds in plugins.faros.sh or their own group.");
        }
    }

    /// <summary>
    /// True to apply: the CRD is new or this plugin's own. False when Faros itself installed it (e.g. Network, which
    /// the wireguard plugin also ships): Faros's structural schema stays. Another plugin's CRD is an error.
    /// </summary>
    private async Task<bool> MayApplyAsync(PluginStatus pinned, V1CustomResourceDefinition definition, CancellationToken cancellationToken)
    {
        V1CustomResourceDefinition existing;
        try
        {
            existing = await _client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(definition.Metadata.Name, cancellationToken: cancellationToken);
        }
        catch (Exception missing) when (Controllers.Conflicts.IsNotFound(missing))
        {
            return true;
        }

        var labels = existing.Metadata.Labels ?? new Dictionary<string, string>();
        if (labels.TryGetValue(OwnerLabel, out var owner))
        {
            return string.Equals(owner, pinned.Package, StringComparison.OrdinalIgnoreCase)
                ? true
                : throw new PluginCrdException($"{pinned.Package} {pinned.Version}: CRD {definition.Metadata.Name} belongs to plugin {owner}; it is left alone.");
        }

        return labels.TryGetValue("app.kubernetes.io/part-of", out var partOf) && partOf == "faros"
            ? false
            : throw new PluginCrdException($"{pinned.Package} {pinned.Version}: CRD {definition.Metadata.Name} exists and belongs to no plugin; it is left alone.");
    }
}
