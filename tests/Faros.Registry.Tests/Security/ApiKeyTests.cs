using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Security;

/// <summary>
/// API keys limit who may publish what: id-glob scopes, allowed actions, reserved id prefixes owned by one
/// owner, and expiry. Each refusal must be 403 and must not change the feed.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class ApiKeyTests(RegistrySetup setup) : RegistryFixture(setup)
{
    private static readonly string[] Push = ["push"];

    [Test]
    public async Task ScopedKey_PushesMatchingIds_AndIsRefusedOthers()
    {
        var tenant = UniqueIds.Word("Contoso");
        var key = await Registry.Admin.CreateApiKeyAsync(tenant, [$"{tenant}.*"], ["push", "unlist"]);

        using var inScope = await Publish.PushAsync(TestPackages.Create($"{tenant}.Foo", "1.0.0"), key);
        // Globs are case-insensitive, like NuGet ids.
        using var inScopeOtherCase = await Publish.PushAsync(TestPackages.Create($"{tenant.ToUpperInvariant()}.Bar", "1.0.0"), key);
        var otherId = $"Other{tenant}.Foo";
        using var outOfScope = await Publish.PushAsync(TestPackages.Create(otherId, "1.0.0"), key);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)inScope.StatusCode, Is.EqualTo(201), "id matching the scope glob");
            Assert.That((int)inScopeOtherCase.StatusCode, Is.EqualTo(201), "scope globs are case-insensitive");
            Assert.That((int)outOfScope.StatusCode, Is.EqualTo(403), "id outside the scope glob");
            Assert.That(await FeedJson.FlatContainerVersionsAsync(Http, otherId), Is.Null, "the refused package must not be stored");
        }
    }

    [Test]
    public async Task AnotherOwner_IsRefusedANewVersion_ButToldAnExistingOneIsADuplicate()
    {
        var id = UniqueIds.For("Owned");
        var ownerKey = await Registry.Admin.CreateApiKeyAsync(UniqueIds.Word("owner"), ["*"], Push);
        var otherKey = await Registry.Admin.CreateApiKeyAsync(UniqueIds.Word("other"), ["*"], Push);
        await Publish.PushOrThrowAsync(TestPackages.Create(id, "1.0.0"), ownerKey);

        using var newVersion = await Publish.PushAsync(TestPackages.Create(id, "2.0.0"), otherKey);
        using var existingVersion = await Publish.PushAsync(TestPackages.Create(id, "1.0.0"), otherKey);
        // The refused push must not leave its reservation behind: the owner can still push that version.
        using var ownersPush = await Publish.PushAsync(TestPackages.Create(id, "2.0.0"), ownerKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)newVersion.StatusCode, Is.EqualTo(403), "a new version of an id owned by another publisher");
            Assert.That((int)existingVersion.StatusCode, Is.EqualTo(409), "a version that exists is a duplicate, whoever pushes it");
            Assert.That((int)ownersPush.StatusCode, Is.EqualTo(201), await ownersPush.Content.ReadAsStringAsync());
            Assert.That(await FeedJson.FlatContainerVersionsAsync(Http, id), Is.EqualTo(new[] { "1.0.0", "2.0.0" }));
        }
    }

    [Test]
    public async Task KeyWithoutUnlistAction_CannotUnlist()
    {
        var owner = UniqueIds.Word("pusher");
        var id = UniqueIds.For("PushOnly");
        var pushOnly = await Registry.Admin.CreateApiKeyAsync(owner, ["*"], Push);
        var unlister = await Registry.Admin.CreateApiKeyAsync(owner, ["*"], ["push", "unlist"]);
        await Publish.PushOrThrowAsync(TestPackages.Create(id, "1.0.0"), pushOnly);

        using var refused = await Publish.UnlistAsync(id, "1.0.0", pushOnly);
        Assert.That((int)refused.StatusCode, Is.EqualTo(403));
        Assert.That(await FeedJson.SearchIdsAsync(Http, id), Does.Contain(id), "a refused unlist must leave the package listed");

        using var allowed = await Publish.UnlistAsync(id, "1.0.0", unlister);
        Assert.That((int)allowed.StatusCode, Is.EqualTo(204), "the same owner's key with the unlist action may unlist");
    }

    [Test]
    public async Task ReservedPrefix_BlocksOtherOwners_EvenWithAMatchingGlob()
    {
        var prefix = UniqueIds.Word("Contoso");
        var owner = prefix.ToLowerInvariant() + "-owner";
        var intruder = UniqueIds.Word("fabrikam");
        await Registry.Admin.ReservePrefixAsync(prefix, owner);
        var ownerKey = await Registry.Admin.CreateApiKeyAsync(owner, [$"{prefix}.*", prefix], Push);
        var intruderKey = await Registry.Admin.CreateApiKeyAsync(intruder, ["*"], Push);

        using var intruderSubId = await Publish.PushAsync(TestPackages.Create($"{prefix}.Bar", "1.0.0"), intruderKey);
        using var intruderExactId = await Publish.PushAsync(TestPackages.Create(prefix, "1.0.0"), intruderKey);
        using var ownerPush = await Publish.PushAsync(TestPackages.Create($"{prefix}.Bar", "1.0.0"), ownerKey);
        // The reservation covers "Prefix" and "Prefix.*", not every id that merely starts with the same letters.
        using var lookalike = await Publish.PushAsync(TestPackages.Create($"{prefix}Extra.Bar", "1.0.0"), intruderKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)intruderSubId.StatusCode, Is.EqualTo(403), "another owner pushing Prefix.Bar");
            Assert.That((int)intruderExactId.StatusCode, Is.EqualTo(403), "another owner pushing the exact prefix id");
            Assert.That((int)ownerPush.StatusCode, Is.EqualTo(201), "the prefix owner pushing Prefix.Bar");
            Assert.That((int)lookalike.StatusCode, Is.EqualTo(201), "PrefixExtra.Bar is outside the reservation");
        }
    }

    [Test]
    public async Task ExpiredKey_IsRefused()
    {
        var help = await Registry.Admin.RunAsync("apikeys", "create", "--help");
        if (!help.Output.Contains("--expires", StringComparison.Ordinal))
        {
            Assert.Ignore("`apikeys create` has no --expires option:" + Environment.NewLine + help);
        }

        var key = await Registry.Admin.CreateApiKeyAsync(UniqueIds.Word("expired"), ["*"], Push, expires: DateTimeOffset.UtcNow.AddDays(-1));
        var id = UniqueIds.For("Expired");

        using var response = await Publish.PushAsync(TestPackages.Create(id, "1.0.0"), key);

        Assert.That((int)response.StatusCode, Is.EqualTo(403));
        Assert.That(await FeedJson.FlatContainerVersionsAsync(Http, id), Is.Null);
    }

    [Test]
    public async Task MissingOrUnknownKey_IsRefused()
    {
        var id = UniqueIds.For("NoKey");
        await PushAsync(TestPackages.Create(id, "1.0.0"));

        using var pushWithoutKey = await Publish.PushAsync(TestPackages.Create(id, "2.0.0"), apiKey: null);
        using var pushWithUnknownKey = await Publish.PushAsync(TestPackages.Create(id, "3.0.0"), "unknown-key");
        using var unlistWithoutKey = await Publish.UnlistAsync(id, "1.0.0", apiKey: null);
        using var unlistWithUnknownKey = await Publish.UnlistAsync(id, "1.0.0", "unknown-key");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)pushWithoutKey.StatusCode, Is.EqualTo(403), "push without a key");
            Assert.That((int)pushWithUnknownKey.StatusCode, Is.EqualTo(403), "push with an unknown key");
            Assert.That((int)unlistWithoutKey.StatusCode, Is.EqualTo(403), "unlist without a key");
            Assert.That((int)unlistWithUnknownKey.StatusCode, Is.EqualTo(403), "unlist with an unknown key");
            Assert.That(await FeedJson.FlatContainerVersionsAsync(Http, id), Is.EqualTo(new[] { "1.0.0" }));
            Assert.That(await FeedJson.SearchIdsAsync(Http, id), Does.Contain(id));
        }
    }
}
