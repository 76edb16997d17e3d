using System.CommandLine;
using System.Text.Json.Nodes;
using Faros.Cli.Infrastructure;
using Faros.Cli.Output;
using Faros.Cli.Registry;
using NuGet.Versioning;

namespace Faros.Cli.Commands.Plugins;

/// <summary>`kubectl faros plugins info PACKAGE`: versions, kinds, side, SDK range, permissions and signer, from the registration.</summary>
public static class PluginsInfoCommand
{
    public static Command Create()
    {
        var package = new Argument<string>("PACKAGE") { Description = "The plugin's package id, e.g. Faros.Plugins.WireGuard." };
        var version = new Option<string?>("--version") { Description = "Describe this version (default: the latest listed one)." };
        var registry = RegistryLocation.Option();
        var output = CommonOptions.Output();
        var command = new Command("info", "Describe a plugin: its versions, kinds, side, SDK range, permissions and signer.") { package, version, registry, output };
        command.SetFarosAction(async invocation =>
        {
            var id = invocation.Get(package);
            using var client = new PluginRegistry(RegistryLocation.Resolve(invocation, registry));
            var entries = await client.GetCatalogEntriesAsync(id, invocation.CancellationToken);
            if (entries.Count == 0)
            {
                throw CliException.NotFound($"The registry at {client.ServiceIndex} has no package '{id}'. Find plugins with `kubectl faros plugins search`.");
            }

            var chosen = Choose(entries, invocation.Get(version), id);
            if (!IsPlugin(chosen))
            {
                throw new CliException(ExitCodes.Error, $"{Id(chosen)} {Version(chosen)} is not a Faros plugin (its package type is not FarosPlugin).");
            }

            if (invocation.Get(output) == OutputFormat.Table)
            {
                Describe(invocation.Out, entries, chosen);
            }
            else
            {
                ResultWriter.WriteDocument(invocation.Out, invocation.Get(output), ToJson(entries, chosen));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static JsonObject Choose(IReadOnlyList<JsonObject> entries, string? version, string id)
    {
        if (version is null)
        {
            return entries.LastOrDefault(entry => entry["listed"]?.GetValue<bool>() != false) ?? entries[^1];
        }

        if (!NuGetVersion.TryParse(version, out var wanted))
        {
            throw CliException.Usage($"--version '{version}' is not a NuGet version, e.g. 1.2.0.");
        }

        return entries.FirstOrDefault(entry => NuGetVersion.Parse(Version(entry)) == wanted)
            ?? throw CliException.NotFound($"{id} has no version {version}; it has {string.Join(", ", entries.Select(Version))}.");
    }

    private static void Describe(TextWriter output, IReadOnlyList<JsonObject> entries, JsonObject chosen)
    {
        var faros = FarosMetadata.Of(chosen);
        var fields = new List<(string Label, string Value)>
        {
            ("Package", Id(chosen)),
            ("Version", Version(chosen) + (chosen["listed"]?.GetValue<bool>() == false ? " (unlisted)" : "")),
            ("Display name", faros?.DisplayName ?? ""),
            ("Description", chosen["description"]?.GetValue<string>() ?? ""),
            ("Authors", chosen["authors"]?.GetValue<string>() ?? ""),
            ("Category", faros?.Category ?? ""),
            ("Side", faros?.Side ?? ""),
            ("SDK range", faros?.SdkRange ?? ""),
            ("Runtimes", string.Join(", ", faros?.Runtimes ?? [])),
            ("Kinds", faros is null || faros.Kinds.Count == 0 ? "<none>" : string.Join(", ", faros.Kinds)),
            ("Signer", PackageSigner.Of(chosen)?.ToString() ?? "<unsigned>"),
        };
        if (chosen["deprecation"] is JsonObject deprecation)
        {
            fields.Add(("Deprecated", deprecation["message"]?.GetValue<string>() ?? string.Join(", ", (deprecation["reasons"] as JsonArray)?.Select(reason => reason?.GetValue<string>()) ?? [])));
        }

        var width = fields.Max(field => field.Label.Length) + 2;
        foreach (var (label, value) in fields)
        {
            output.WriteLine($"{(label + ":").PadRight(width)}{value}");
        }

        output.WriteLine("Permissions:");
        var permissions = faros?.Permissions ?? [];
        if (permissions.Count == 0)
        {
            output.WriteLine("  <none>");
        }

        foreach (var (scope, what, reason) in permissions)
        {
            output.WriteLine($"  {scope,-11} {what,-30} {reason}");
        }

        output.WriteLine("Versions:");
        var table = new Table("VERSION", "LISTED", "PUBLISHED", "SDK RANGE", "SIGNER");
        foreach (var entry in entries.AsEnumerable().Reverse())
        {
            table.Add(Version(entry), entry["listed"]?.GetValue<bool>() == false ? "no" : "yes", Published(entry), FarosMetadata.Of(entry)?.SdkRange,
                PackageSigner.Of(entry)?.ToString() ?? "<unsigned>");
        }

        using var indented = new StringWriter();
        table.WriteTo(indented);
        foreach (var line in indented.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            output.WriteLine("  " + line.TrimEnd('\r'));
        }
    }

    private static JsonObject ToJson(IReadOnlyList<JsonObject> entries, JsonObject chosen) => new()
    {
        ["id"] = Id(chosen),
        ["version"] = Version(chosen),
        ["description"] = chosen["description"]?.DeepClone(),
        ["authors"] = chosen["authors"]?.DeepClone(),
        ["faros"] = chosen["faros"]?.DeepClone(),
        ["signer"] = chosen["signer"]?.DeepClone(),
        ["deprecation"] = chosen["deprecation"]?.DeepClone(),
        ["versions"] = new JsonArray(entries.AsEnumerable().Reverse().Select(entry => (JsonNode)new JsonObject
        {
            ["version"] = Version(entry),
            ["listed"] = entry["listed"]?.GetValue<bool>() != false,
            ["published"] = Published(entry),
            ["sdkRange"] = FarosMetadata.Of(entry)?.SdkRange,
            ["packageHash"] = entry["packageHash"]?.DeepClone(),
            ["signer"] = entry["signer"]?.DeepClone(),
        }).ToArray()),
    };

    private static bool IsPlugin(JsonObject entry) =>
        (entry["packageTypes"] as JsonArray)?.OfType<JsonObject>().Any(type => string.Equals(type["name"]?.GetValue<string>(), PluginRegistry.PluginPackageType, StringComparison.OrdinalIgnoreCase)) == true
        || entry["faros"] is JsonObject;

    private static string Id(JsonObject entry) => entry["id"]?.GetValue<string>() ?? "";

    private static string Version(JsonObject entry) => entry["version"]?.GetValue<string>() ?? "";

    private static string Published(JsonObject entry) =>
        entry["published"]?.GetValue<string>() is { Length: >= 10 } published ? published[..10] : "";
}
