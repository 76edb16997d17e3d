using System.Text.Json;
using System.Text.RegularExpressions;
using Faros.Marketplace.Tests.Fixtures;
using Microsoft.Playwright;
using static Faros.Marketplace.Tests.Fixtures.SeedPackages;
using static Microsoft.Playwright.Assertions;

namespace Faros.Marketplace.Tests;

/// <summary>
/// Plugin traits (from the faros-plugin.json of real packages, as the real registry publishes them in its
/// <c>faros</c> object) and the signer (from the Sigstore bundle pushed with a package), shown on the site; and the
/// registry's verified, side, kind and category filters narrowing a list in the browser.
/// </summary>
public sealed class FarosMetadataTests : BrowserTest
{
    [Test]
    public async Task PluginPageShowsManifestTraitsAndTheVerifiedSigner()
    {
        await OpenAsync($"/packages/{ModbusId}");
        await Expect(Page.Locator(".plugin-header .badge-verified")).ToContainTextAsync("Verified signer");
        await Expect(Page.Locator(".plugin-header .badge-category")).ToHaveTextAsync(ModbusCategory);

        var side = Page.Locator("aside");
        // The registry names a bare-key signer by the SHA-256 of its public key.
        await Expect(side.Locator(".signer")).ToContainTextAsync(new Regex("key sha256:[0-9a-f]{16}"));
        await Expect(side.Locator(".signer .badge-verified")).ToBeVisibleAsync();
        await Expect(side.Locator(".kinds")).ToContainTextAsync(ModbusKind);
        await Expect(side.Locator(".kinds")).ToContainTextAsync($"{ModbusGroup}/v1");
        await Expect(side).ToContainTextAsync(ModbusCrd);
        await Expect(side).ToContainTextAsync("[1.0.0, 2.0.0)");
        await Expect(side).ToContainTextAsync("linux-x64, linux-arm64");
        await Expect(side).ToContainTextAsync("Device agents");
        await Expect(side.Locator(".permissions li")).ToHaveTextAsync(
            [$"device: net-admin — {ModbusNetworkReason}", "kubernetes: get, list configmaps — Reads register maps."]);
        await Screenshots.SaveAsync(Page, "faros-traits");
    }

    [Test]
    public async Task APluginPushedWithoutABundleHasNoSignerAndNoBadge()
    {
        await OpenAsync($"/packages/{GatewayId}");
        await Expect(Page.Locator("h1")).ToContainTextAsync(GatewayId);
        await Expect(Page.Locator(".plugin-header .badge-category")).ToHaveTextAsync(GatewayCategory);
        await Expect(Page.Locator("aside")).ToContainTextAsync("Hub");
        await Expect(Page.Locator(".badge-verified")).ToHaveCountAsync(0);
        await Expect(Page.Locator("aside .signer")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task VerifiedSideKindAndCategoryFiltersNarrowTheList()
    {
        await OpenAsync($"/search?q={TraitsWord}");
        var ids = Page.Locator(".results .card-title");
        await Expect(ids).ToHaveCountAsync(2);
        await Expect(Page.Locator(".results .card").Filter(new() { HasText = ModbusId }).Locator(".badge-verified")).ToHaveCountAsync(1);
        await Expect(Page.Locator(".results .card").Filter(new() { HasText = GatewayId }).Locator(".badge-verified")).ToHaveCountAsync(0);

        await Page.GetByLabel("Verified signers only").CheckAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("verified=true"));
        await Expect(ids).ToHaveTextAsync([ModbusId]);
        await Page.GetByLabel("Verified signers only").UncheckAsync();
        await Expect(ids).ToHaveCountAsync(2);

        await Page.GetByLabel("Hub", new() { Exact = true }).CheckAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("side=hub"));
        await Expect(ids).ToHaveTextAsync([GatewayId]);
        await Page.GetByLabel("Device agents", new() { Exact = true }).CheckAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("side=device"));
        await Expect(ids).ToHaveTextAsync([ModbusId]);
        await Page.GetByLabel("Any", new() { Exact = true }).CheckAsync();
        await Expect(ids).ToHaveCountAsync(2);

        await Page.GetByLabel("Category").SelectOptionAsync(GatewayCategory);
        await Expect(Page).ToHaveURLAsync(new Regex("category=" + GatewayCategory));
        await Expect(ids).ToHaveTextAsync([GatewayId]);
        await Page.GetByLabel("Category").SelectOptionAsync("");
        await Expect(ids).ToHaveCountAsync(2);

        await Page.GetByLabel("Kind").FillAsync(ModbusKind);
        await Page.GetByLabel("Kind").PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Regex("kind=" + ModbusKind));
        await Expect(ids).ToHaveTextAsync([ModbusId]);
        await Screenshots.SaveAsync(Page, "faros-filters");
    }

    [Test]
    public async Task TheRegistryItselfAppliesTheFilters()
    {
        // The marketplace re-checks filters on the hits; this proves the narrowing above starts at the registry.
        using var http = MarketplaceSuite.Registry.CreateClient();
        async Task<string[]> IdsAsync(string filter)
        {
            using var document = JsonDocument.Parse(await http.GetStringAsync($"v3/search?q={TraitsWord}&packageType={PluginType}{filter}"));
            return [.. document.RootElement.GetProperty("data").EnumerateArray().Select(hit => hit.GetProperty("id").GetString()!)];
        }

        Assert.That(await IdsAsync(""), Is.EquivalentTo(new[] { ModbusId, GatewayId }));
        Assert.That(await IdsAsync("&verified=true"), Is.EqualTo(new[] { ModbusId }));
        Assert.That(await IdsAsync("&side=hub"), Is.EqualTo(new[] { GatewayId }));
        Assert.That(await IdsAsync($"&kind={ModbusKind}"), Is.EqualTo(new[] { ModbusId }));
        Assert.That(await IdsAsync($"&category={GatewayCategory}"), Is.EqualTo(new[] { GatewayId }));
    }

    [Test]
    public async Task HomeOffersDeclaredCategories()
    {
        await OpenAsync("/");
        await Page.Locator(".chips").GetByRole(AriaRole.Link, new() { Name = ModbusCategory, Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("category=" + ModbusCategory));
        await Expect(Page.Locator(".results .card-title")).ToHaveTextAsync([ModbusId]);
    }
}
