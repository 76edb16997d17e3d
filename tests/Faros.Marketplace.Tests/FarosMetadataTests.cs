using Faros.Marketplace.Tests.Fixtures;
using Microsoft.Playwright;
using static Faros.Marketplace.Tests.Fixtures.FarosMetadataRegistry;
using static Microsoft.Playwright.Assertions;

namespace Faros.Marketplace.Tests;

/// <summary>
/// Category, kinds, CRDs, side, SDK range, platforms, permissions and the signer, rendered when the registry
/// sends them (see <see cref="FarosMetadataRegistry"/> for why this one fixture does not use the real registry).
/// </summary>
public sealed class FarosMetadataTests
{
    private FarosMetadataRegistry _registry = null!;
    private MarketplaceProcess _marketplace = null!;
    private IBrowserContext? _context;
    private IPage _page = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _registry = new FarosMetadataRegistry();
        _marketplace = await MarketplaceProcess.StartAsync(_registry.BaseAddress);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _marketplace.DisposeAsync();
        _registry.Dispose();
    }

    [SetUp]
    public async Task OpenPageAsync()
    {
        var browser = await BrowserSession.GetAsync();
        _context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _marketplace.BaseAddress.AbsoluteUri,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        _context.SetDefaultTimeout(20_000);
        _page = await _context.NewPageAsync();
    }

    [TearDown]
    public async Task ClosePageAsync()
    {
        if (_context is not null)
        {
            await Screenshots.SaveAsync(_page, TestContext.CurrentContext.Test.Name + "-final");
            await _context.CloseAsync();
            _context = null;
        }
    }

    [Test]
    public async Task PluginPageShowsFarosTraitsAndTheVerifiedSigner()
    {
        await _page.GotoAsync($"/packages/{Id}");
        await Expect(_page.Locator(".plugin-header .badge-verified")).ToContainTextAsync("Verified signer");
        await Expect(_page.Locator(".plugin-header .badge-category")).ToHaveTextAsync(Category);

        var side = _page.Locator("aside");
        await Expect(side.Locator(".signer")).ToContainTextAsync(SignerIdentity);
        await Expect(side.Locator(".kinds")).ToContainTextAsync(Kind);
        await Expect(side.Locator(".kinds")).ToContainTextAsync(KindGroupVersion);
        await Expect(side).ToContainTextAsync(Crd);
        await Expect(side).ToContainTextAsync(SdkRange);
        await Expect(side).ToContainTextAsync("linux-x64, linux-arm64");
        await Expect(side).ToContainTextAsync("Device agents");
        await Expect(side.Locator(".permissions li")).ToHaveTextAsync([Permission, "secrets: read"]);
        await Screenshots.SaveAsync(_page, "faros-traits");
    }

    [Test]
    public async Task HomeOffersDeclaredCategoriesAndFeaturesVerifiedPlugins()
    {
        await _page.GotoAsync("/");
        await Expect(_page.Locator("#featured-heading")).ToBeVisibleAsync();
        await _page.Locator(".chips").GetByRole(AriaRole.Link, new() { Name = Category }).ClickAsync();
        await Expect(_page.Locator(".results .card-title")).ToHaveTextAsync([Id]);
    }

    [Test]
    public async Task FiltersTheRegistryIgnoresAreStillApplied()
    {
        // This registry answers every search with its one plugin; the marketplace must not show it for other values.
        await _page.GotoAsync("/search?category=Storage");
        await Expect(_page.Locator(".results .card")).ToHaveCountAsync(0);
        await _page.GotoAsync("/search?side=hub");
        await Expect(_page.Locator(".results .card")).ToHaveCountAsync(0);
        await _page.GotoAsync($"/search?kind={Kind}&side=device&verified=true");
        await Expect(_page.Locator(".results .card")).ToHaveCountAsync(1);
    }
}
