using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Publish;

/// <summary>
/// SymbolPackagePublish (PUT /api/v2/symbolpackage) takes the .snupkg that `dotnet pack` makes next to a
/// .nupkg. The test uses a real assembly and its portable PDB (this suite's own) so that a server which
/// validates symbols against the package sees a genuine pair.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class SymbolPackagePublishTests(RegistrySetup setup) : RegistryFixture(setup)
{
    [Test]
    public async Task SymbolPackage_ForAPushedPackage_IsAccepted()
    {
        var (package, symbols) = RealAssemblyPair(UniqueIds.For("Symbols"));
        await PushAsync(package);

        using var response = await Publish.PushSymbolsAsync(symbols.Content, AdminKey);

        Assert.That((int)response.StatusCode, Is.InRange(200, 202), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task SymbolPackage_WithAnUnknownKey_IsForbidden()
    {
        var (package, symbols) = RealAssemblyPair(UniqueIds.For("SymbolsBadKey"));
        await PushAsync(package);

        using var response = await Publish.PushSymbolsAsync(symbols.Content, "unknown-key");

        Assert.That((int)response.StatusCode, Is.EqualTo(403));
    }

    private static (TestPackage Package, TestPackage Symbols) RealAssemblyPair(string id)
    {
        var assembly = typeof(TestPackages).Assembly.Location;
        var pdb = Path.ChangeExtension(assembly, ".pdb");
        var fileName = Path.GetFileNameWithoutExtension(assembly);
        var package = TestPackages.Build(new TestPackageSpec(id, "1.0.0")
        {
            Files = new Dictionary<string, byte[]> { [$"lib/net10.0/{fileName}.dll"] = File.ReadAllBytes(assembly) },
        });
        var symbols = TestPackages.BuildSymbols(id, "1.0.0", new Dictionary<string, byte[]> { [$"lib/net10.0/{fileName}.pdb"] = File.ReadAllBytes(pdb) });
        return (package, symbols);
    }
}
