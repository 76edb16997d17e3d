using System.Text.Json;
using Faros.Sdk.Manifest;

namespace Faros.Sdk.Tests.Manifest;

/// <summary>A manifest that passes validation; tests change one thing and look for the defect it causes.</summary>
internal static class ValidManifest
{
    public static PluginManifest Create() => new()
    {
        Name = "Acme.Thermostat",
        DisplayName = "Acme Thermostat",
        Side = "device",
        EntryAssembly = "Acme.Thermostat.dll",
        PluginType = "Acme.Thermostat.ThermostatPlugin",
        SdkVersionRange = "[1.0.0, 2.0.0)",
        RuntimeIdentifiers = ["linux-x64", "linux-arm64"],
        Kinds = [new PluginKind { Group = "acme.example.com", Version = "v1alpha1", Kind = "Thermostat", Plural = "thermostats", Crd = "crds/thermostats.acme.example.com.yaml" }],
        Crds = ["crds/thermostats.acme.example.com.yaml"],
        Permissions =
        [
            new PluginPermission { Scope = "device", Capability = "net-admin", Reason = "Configures the thermostat's network link." },
            new PluginPermission { Scope = "kubernetes", ApiGroup = "", Resource = "configmaps", Verbs = ["get", "list"], Reason = "Reads schedules." },
        ],
        Category = "devices",
        Tags = ["hvac", "thermostat"],
        ConfigSchema = JsonDocument.Parse("""{"type":"object","properties":{"unit":{"type":"string"}}}""").RootElement.Clone(),
    };

    public static IReadOnlyCollection<string> PackageFiles { get; } =
        ["faros-plugin.json", "lib/net10.0/Acme.Thermostat.dll", "lib/net10.0/Newtonsoft.Json.dll", "crds/thermostats.acme.example.com.yaml"];
}
