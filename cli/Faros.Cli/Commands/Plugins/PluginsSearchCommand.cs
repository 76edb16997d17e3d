using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Faros.Cli.Infrastructure;
using Faros.Cli.Output;
using Faros.Cli.Registry;

namespace Faros.Cli.Commands.Plugins;

/// <summary>`kubectl faros plugins search [QUERY] [--kind --category --side]`.</summary>
public static class PluginsSearchCommand
{
    private static readonly string[] Sides = ["device", "hub", "both"];
    private static readonly string[] Categories = ["networking", "runtime", "monitoring", "storage", "security", "devices", "integration", "other"];

    public static Command Create()
    {
        var query = new Argument<string?>("QUERY") { Description = "Words to look for in ids, titles, descriptions and tags; owner:NAME and id:NAME filter.", Arity = ArgumentArity.ZeroOrOne };
        var kind = new Option<string?>("--kind") { Description = "Only plugins that own this kind, e.g. Network or plugins.faros.sh/v1alpha1/Network." };
        var category = new Option<string?>("--category") { Description = $"Only plugins of this category: {string.Join(", ", Categories)}." };
        category.AcceptOnlyFromAmong(Categories);
        var side = new Option<string?>("--side") { Description = "Only plugins that run on this side: device or hub (plugins for both match either)." };
        side.AcceptOnlyFromAmong(Sides);
        var prerelease = new Option<bool>("--prerelease") { Description = "Include prerelease versions." };
        var take = new Option<int>("--take")
        {
            Description = "At most this many results.",
            DefaultValueFactory = _ => 20,
            Validators = { result => { if (result.GetValueOrDefault<int>() is < 1 or > 1000) { result.AddError("--take must be from 1 to 1000."); } } },
        };
        var registry = RegistryLocation.Option();
        var output = CommonOptions.Output();
        var command = new Command("search", "Search the registry for plugins.") { query, kind, category, side, prerelease, take, registry, output };
        command.SetFarosAction(async invocation =>
        {
            using var client = new PluginRegistry(RegistryLocation.Resolve(invocation, registry));
            var result = await client.SearchAsync(
                new PluginQuery(invocation.Get(query), invocation.Get(kind), invocation.Get(category), invocation.Get(side), invocation.Get(prerelease), invocation.Get(take)),
                invocation.CancellationToken);
            ResultWriter.Write(invocation.Out, invocation.Error, invocation.Get(output),
                () => ToTable(result),
                () => new JsonObject
                {
                    ["totalHits"] = result.TotalHits,
                    ["items"] = new JsonArray(result.Hits.Select(hit => (JsonNode)Summary(hit)).ToArray()),
                },
                empty: "No plugins found.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Table ToTable(PluginSearchResult result)
    {
        var table = new Table("PACKAGE", "VERSION", "CATEGORY", "SIDE", "KINDS", "DOWNLOADS", "DESCRIPTION");
        foreach (var hit in result.Hits)
        {
            var faros = FarosMetadata.Of(hit);
            var description = hit["description"]?.GetValue<string>() ?? "";
            table.Add(
                hit["id"]?.GetValue<string>(),
                hit["version"]?.GetValue<string>(),
                faros?.Category,
                faros?.Side,
                faros is null ? null : string.Join(",", faros.KindNames),
                (hit["totalDownloads"]?.GetValue<long>() ?? 0).ToString(CultureInfo.InvariantCulture),
                description.Length > 60 ? description[..57] + "..." : description);
        }

        return table;
    }

    /// <summary>The parts of a hit that describe the plugin, for -o json/yaml.</summary>
    private static JsonObject Summary(JsonObject hit) => new()
    {
        ["id"] = hit["id"]?.DeepClone(),
        ["version"] = hit["version"]?.DeepClone(),
        ["title"] = hit["title"]?.DeepClone(),
        ["description"] = hit["description"]?.DeepClone(),
        ["owners"] = hit["owners"]?.DeepClone(),
        ["totalDownloads"] = hit["totalDownloads"]?.DeepClone(),
        ["published"] = hit["published"]?.DeepClone(),
        ["faros"] = hit["faros"]?.DeepClone(),
        ["versions"] = new JsonArray((hit["versions"] as JsonArray)?.OfType<JsonObject>().Select(version => version["version"]?.DeepClone()).ToArray() ?? []),
    };
}
