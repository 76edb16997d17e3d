namespace Faros.Sdk.Tests.Fixtures;

/// <summary>
/// A plugin project written to disk the way an author would write it: a csproj referencing the Faros.Sdk
/// package, plus source files. Each test states only the properties, items and code it is about.
/// </summary>
internal sealed class PluginProject
{
    public const string ValidPluginCode = """
        using Faros.Sdk;
        using Faros.Sdk.Reconciliation;
        using k8s.Models;

        namespace Acme.Probe;

        [KubernetesEntity(Group = "acme.example.com", ApiVersion = "v1alpha1", Kind = "Probe", PluralName = "probes")]
        public sealed class Probe : CustomResource<ProbeSpec, ResourceStatus>;

        public sealed class ProbeSpec
        {
            public string Target { get; set; } = "";
        }

        public sealed class ProbeReconciler : Reconciler<Probe>
        {
            protected override Task<ReconcileResult> ReconcileCoreAsync(Probe resource, CancellationToken cancellationToken) =>
                Task.FromResult(ReconcileResult.Done);
        }

        public sealed class ProbePlugin : FarosPlugin
        {
            protected override IEnumerable<IReconciler> CreateReconcilers(IPluginContext context)
            {
                yield return new ProbeReconciler();
            }
        }
        """;

    public required string Name { get; init; }

    public Dictionary<string, string> Properties { get; init; } = new()
    {
        ["FarosPluginSide"] = "device",
        ["FarosPluginCategory"] = "other",
    };

    /// <summary>Raw MSBuild item XML, e.g. &lt;FarosKind Include="X" Group="..." /&gt;.</summary>
    public List<string> Items { get; init; } = [];

    public Dictionary<string, string> Files { get; init; } = new() { ["Plugin.cs"] = ValidPluginCode };

    public string WriteTo(string parentDirectory)
    {
        var directory = Path.Combine(parentDirectory, Name);
        Directory.CreateDirectory(directory);
        var properties = string.Join(Environment.NewLine, Properties.Select(p => $"    <{p.Key}>{p.Value}</{p.Key}>"));
        var items = string.Join(Environment.NewLine, Items.Select(i => "    " + i));
        File.WriteAllText(Path.Combine(directory, Name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <IsFarosPlugin>true</IsFarosPlugin>
                <PackageId>{Name}</PackageId>
                <Version>1.2.3</Version>
                <Description>Test plugin.</Description>
            {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Faros.Sdk" Version="{PackedSdk.Version}" />
            {items}
              </ItemGroup>
            </Project>
            """);
        foreach (var (relativePath, content) in Files)
        {
            var path = Path.Combine(directory, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        return directory;
    }
}
