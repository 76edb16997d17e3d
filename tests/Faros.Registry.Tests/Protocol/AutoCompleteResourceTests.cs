using Faros.Registry.Tests.Infrastructure;
using NuGet.Common;
using NuGet.Protocol.Core.Types;

namespace Faros.Registry.Tests.Protocol;

/// <summary>SearchAutocompleteService through NuGet.Protocol: id completion and version completion.</summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class AutoCompleteResourceTests(RegistrySetup setup) : RegistryFixture(setup)
{
    private readonly SearchCorpus _corpus = new();

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        foreach (var package in _corpus.Packages())
        {
            await PushAsync(package);
        }

        await UnlistAsync(_corpus.Unlisted, "1.0.0");
    }

    [Test]
    public async Task IdStartsWith_CompletesListedIds()
    {
        var resource = await NuGetFeed.ResourceAsync<AutoCompleteResource>(Registry);

        var stable = await resource.IdStartsWith(_corpus.Prefix, includePrerelease: false, NullLogger.Instance, CancellationToken.None);
        var all = await resource.IdStartsWith(_corpus.Prefix, includePrerelease: true, NullLogger.Instance, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stable, Is.EquivalentTo(_corpus.ListedStableIds));
            Assert.That(all, Is.EquivalentTo(_corpus.ListedIds));
        }
    }

    [Test]
    public async Task VersionStartsWith_CompletesVersionsOfOneId()
    {
        var resource = await NuGetFeed.ResourceAsync<AutoCompleteResource>(Registry);
        using var cache = NuGetFeed.NoCache();

        var versions = await resource.VersionStartsWith(_corpus.Alpha, "1.", includePrerelease: true, cache, NullLogger.Instance, CancellationToken.None);

        Assert.That(versions.Select(v => v.ToNormalizedString()), Is.EquivalentTo(new[] { "1.0.0", "1.1.0" }));
    }

    [Test]
    public async Task AutocompleteById_ListsAllListedVersions()
    {
        var result = await FeedJson.GetAsync(Http, $"v3/autocomplete?id={_corpus.Alpha.ToLowerInvariant()}&prerelease=true&semVerLevel=2.0.0");

        Assert.That(result["data"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { "1.0.0", "1.1.0", "2.0.0" }));
    }
}
