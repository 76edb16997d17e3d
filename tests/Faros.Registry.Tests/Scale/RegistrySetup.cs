namespace Faros.Registry.Tests.Scale;

/// <summary>
/// The two ways the registry runs: embedded (SQLite and local files, the default) and at scale (PostgreSQL
/// and Azure Blob Storage through Azurite). Fixtures take one as a parameter, so the same tests cover both.
/// </summary>
public sealed class RegistrySetup
{
    public static readonly RegistrySetup Embedded = new("Embedded", scale: false);
    public static readonly RegistrySetup PostgreSqlAzurite = new("PostgreSqlAzurite", scale: true);

    private readonly bool scale;

    private RegistrySetup(string name, bool scale)
    {
        Name = name;
        this.scale = scale;
    }

    public string Name { get; }

    /// <summary>Both setups, for [TestFixtureSource].</summary>
    public static IEnumerable<TestFixtureData> All()
    {
        yield return new TestFixtureData(Embedded).SetArgDisplayNames(Embedded.Name);
        yield return new TestFixtureData(PostgreSqlAzurite).SetArgDisplayNames(PostgreSqlAzurite.Name);
    }

    /// <summary>The settings that select this setup's providers, merged over a fixture's own settings.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ConfigureAsync(IReadOnlyDictionary<string, string> fixtureSettings)
    {
        var settings = new Dictionary<string, string>(fixtureSettings);
        if (scale)
        {
            foreach (var (name, value) in await ScaleServices.NewRegistryConfigurationAsync())
            {
                settings[name] = value;
            }
        }

        return settings;
    }

    public override string ToString() => Name;
}
