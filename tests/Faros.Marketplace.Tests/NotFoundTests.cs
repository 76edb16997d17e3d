using Faros.Marketplace.Tests.Fixtures;
using static Faros.Marketplace.Tests.Fixtures.SeedPackages;
using static Microsoft.Playwright.Assertions;

namespace Faros.Marketplace.Tests;

/// <summary>Unknown plugins and versions get a real 404 page, not a 200 with an error message.</summary>
public sealed class NotFoundTests : BrowserTest
{
    [TestCase("/packages/Faros.Test.DoesNotExist")]
    [TestCase("/packages/" + LighthouseId + "/9.9.9")]
    [TestCase("/packages/" + LighthouseId + "/not-a-version")]
    [TestCase("/publishers/nobody-publishes-this")]
    [TestCase("/no/such/page")]
    public async Task UnknownAddressAnswersWithThe404Page(string path)
    {
        var response = await OpenAsync(path);
        Assert.That(response!.Status, Is.EqualTo(404));
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Not found");
        await Expect(Page.Locator("main")).ToContainTextAsync("There is no plugin, version or page");
        await Expect(Page.GetByRole(Microsoft.Playwright.AriaRole.Search).First).ToBeVisibleAsync();
    }
}
