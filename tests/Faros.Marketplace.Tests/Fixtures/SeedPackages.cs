namespace Faros.Marketplace.Tests.Fixtures;

/// <summary>
/// The packages every run pushes to its registry. Descriptions share the word "beacon" so one query can show
/// each filter narrowing the same list; each also has a word of its own for exact look-ups.
/// </summary>
public static class SeedPackages
{
    public const string PluginType = "FarosPlugin";
    public const string SharedWord = "beacon";

    public const string LighthouseId = "Faros.Test.Lighthouse";
    public const string LighthouseLatest = "1.1.0";
    public const string LighthouseOlder = "1.0.0";
    public const string LighthouseWord = "heliograph";
    public const string LighthouseReadmeMarker = "Lighthouse keeps ships off the rocks";

    /// <summary>A plugin with only a prerelease version: visible only with the prerelease filter.</summary>
    public const string NightwatchId = "Faros.Test.Nightwatch";
    public const string NightwatchVersion = "0.1.0-preview.1";

    /// <summary>A plain library (no FarosPlugin type): visible only when searching all package types.</summary>
    public const string LibraryId = "Faros.Test.BeaconLibrary";

    /// <summary>A plugin whose first version is unlisted and deprecated after the push.</summary>
    public const string RetiredId = "Faros.Test.Retired";
    public const string RetiredOld = "1.0.0";
    public const string RetiredCurrent = "2.0.0";
    public const string RetiredMessage = "Version 1 leaks file handles; use 2.0.0.";

    public const string HostileId = "Faros.Test.Hostile";
    public const string HostileReadmeMarker = "Harmless text survives sanitizing";

    /// <summary>Every classic way a README could try to run script on the marketplace's origin.</summary>
    public const string HostileReadme = """
        # Totally normal plugin

        Harmless text survives sanitizing.

        <script>alert('script tag')</script>

        <img src="x" onerror="alert('img onerror')">

        [markdown javascript link](javascript:alert(document.domain))

        [entity encoded link](&#106;avascript:alert(1))

        <a href="javascript:alert('html link')">html javascript link</a>

        <a href=" JaVaScRiPt:alert('mixed case')">mixed case link</a>

        <svg onload="alert('svg onload')"><circle r="4"/></svg>

        <iframe src="javascript:alert('iframe')"></iframe>

        <div onclick="alert('click')" onmouseover="alert('hover')">hover me</div>

        <form action="javascript:alert('form')"><button>submit</button></form>

        <object data="javascript:alert('object')"></object>

        <style>body { display: none }</style>

        <details open ontoggle="alert('details')"><summary>details</summary>body</details>
        """;

    /// <summary>Plugins with full manifests, sharing the word <see cref="TraitsWord"/>: one signed, one not.</summary>
    public const string TraitsWord = "tidewater";

    /// <summary>Pushed with a bundle signed by the test publisher key, which the registry's trust policy trusts.</summary>
    public const string ModbusId = "Faros.Test.Modbus";
    public const string ModbusCategory = "devices";
    public const string ModbusKind = "ModbusDevice";
    public const string ModbusGroup = "devices.faros.sh";
    public const string ModbusCrd = "crds/modbusdevices.devices.faros.sh.yaml";
    public const string ModbusNetworkReason = "Opens Modbus TCP connections to field devices.";

    /// <summary>Pushed without a bundle: the registry records no signer.</summary>
    public const string GatewayId = "Faros.Test.Gateway";
    public const string GatewayCategory = "networking";
    public const string GatewayKind = "FieldGateway";

    public static TestPackage Modbus { get; } = TestPackages.Build(new TestPackageSpec(ModbusId, "1.2.0")
    {
        Description = $"Modbus TCP and RTU devices as {TraitsWord} telemetry.",
        PackageTypes = [PluginType],
        PluginSide = "device",
        PluginCategory = ModbusCategory,
        PluginKinds = [(ModbusGroup, "v1", ModbusKind)],
        PluginRuntimes = ["linux-x64", "linux-arm64"],
        PluginPermissions =
        [
            new { scope = "device", capability = "net-admin", reason = ModbusNetworkReason },
            new { scope = "kubernetes", apiGroup = "", resource = "configmaps", verbs = new[] { "get", "list" }, reason = "Reads register maps." },
        ],
    });

    /// <summary>Pushed without a signature bundle, so it has no signer and no badge.</summary>
    public static TestPackage Gateway { get; } = TestPackages.Build(new TestPackageSpec(GatewayId, "0.3.0")
    {
        Description = $"A {TraitsWord} field gateway that bridges serial buses to the hub.",
        PackageTypes = [PluginType],
        PluginSide = "hub",
        PluginCategory = GatewayCategory,
        PluginKinds = [("gateways.faros.sh", "v1alpha1", GatewayKind)],
    });

    /// <summary>Packages pushed without a Sigstore bundle.</summary>
    public static IEnumerable<TestPackage> Unsigned()
    {
        yield return Gateway;
    }

    public static IEnumerable<TestPackage> All()
    {
        yield return Modbus;
        yield return Lighthouse(LighthouseOlder, "First light.");
        yield return Lighthouse(LighthouseLatest, "Brighter light.");
        yield return TestPackages.Build(new TestPackageSpec(NightwatchId, NightwatchVersion)
        {
            Description = $"Nightwatch: an early {SharedWord} for hubs that watches devices overnight.",
            Tags = ["preview", "hub"],
            PackageTypes = [PluginType],
            Readme = "# Nightwatch\n\nStill a preview.",
        });
        yield return TestPackages.Build(new TestPackageSpec(LibraryId, "1.0.0")
        {
            Description = $"A {SharedWord} helper library; not a plugin itself.",
            PackageTypes = ["Dependency"],
        });
        foreach (var version in new[] { RetiredOld, RetiredCurrent })
        {
            yield return TestPackages.Build(new TestPackageSpec(RetiredId, version)
            {
                Description = "Retired: an old plugin kept for history.",
                PackageTypes = [PluginType],
            });
        }

        yield return TestPackages.Build(new TestPackageSpec(HostileId, "1.0.0")
        {
            Description = "A plugin whose README tries every trick to run script.",
            PackageTypes = [PluginType],
            Readme = HostileReadme,
        });
    }

    /// <summary>Listing changes made after the pushes, through the registry's publish API.</summary>
    public static async Task RetireAsync(HttpClient registry, string apiKey, CancellationToken cancellationToken)
    {
        var publisher = new PackagePublishClient(registry);
        using (var unlisted = await publisher.UnlistAsync(RetiredId, RetiredOld, apiKey, cancellationToken))
        {
            unlisted.EnsureSuccessStatusCode();
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/v2/package/{RetiredId}/{RetiredOld}/deprecation")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                reasons = new[] { "CriticalBugs" },
                message = RetiredMessage,
                alternatePackageId = LighthouseId,
            }),
        };
        request.Headers.Add(PackagePublishClient.ApiKeyHeader, apiKey);
        using var deprecated = await registry.SendAsync(request, cancellationToken);
        if (!deprecated.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Deprecating {RetiredId} {RetiredOld} answered {(int)deprecated.StatusCode}: " +
                                           await deprecated.Content.ReadAsStringAsync(cancellationToken));
        }
    }

    private static TestPackage Lighthouse(string version, string note) =>
        TestPackages.Build(new TestPackageSpec(LighthouseId, version)
        {
            Description = $"Lighthouse flashes a {SharedWord} and a {LighthouseWord} signal from every device agent. {note}",
            Authors = ["Faros Tests", "Keeper"],
            Tags = ["signal", "light"],
            PackageTypes = [PluginType],
            ProjectUrl = new Uri("https://faros.sh/plugins/lighthouse"),
            Icon = TestPackages.TinyPng,
            Readme = $"""
                # Lighthouse

                {LighthouseReadmeMarker}.

                | Signal | Meaning |
                | ------ | ------- |
                | green  | safe    |

                ```yaml
                flash: every 5s
                ```
                """,
        });
}
