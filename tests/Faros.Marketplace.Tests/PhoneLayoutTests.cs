using Faros.Marketplace.Tests.Fixtures;
using Microsoft.Playwright;
using static Faros.Marketplace.Tests.Fixtures.SeedPackages;
using static Microsoft.Playwright.Assertions;

namespace Faros.Marketplace.Tests;

/// <summary>Every page type holds its layout on a phone: nothing wider than the screen.</summary>
public sealed class PhoneLayoutTests : BrowserTest
{
    protected override ViewportSize Viewport => new() { Width = 390, Height = 844 };

    [TestCase("home", "/")]
    [TestCase("search", "/search?q=" + SharedWord + "&type=any&prerelease=true")]
    [TestCase("plugin", "/packages/" + LighthouseId)]
    [TestCase("hostile-plugin", "/packages/" + HostileId)]
    [TestCase("prerelease-plugin", "/packages/" + NightwatchId)]
    [TestCase("not-found", "/packages/Faros.Test.DoesNotExist")]
    public async Task PageHasNoHorizontalScroll(string name, string path)
    {
        await OpenAsync(path);
        await Expect(Page.Locator("main h1")).ToBeVisibleAsync();
        var widths = await Page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]");
        await Screenshots.SaveAsync(Page, "phone-" + name);
        Assert.That(widths[0], Is.LessThanOrEqualTo(widths[2]), $"document scrollWidth {widths[0]} > viewport {widths[2]}");
        Assert.That(widths[1], Is.LessThanOrEqualTo(widths[2]), $"body scrollWidth {widths[1]} > viewport {widths[2]}");
    }
}
