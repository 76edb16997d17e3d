using System.Text.RegularExpressions;
using Faros.Marketplace.Tests.Fixtures;
using static Faros.Marketplace.Tests.Fixtures.SeedPackages;
using static Microsoft.Playwright.Assertions;

namespace Faros.Marketplace.Tests;

/// <summary>From a plugin to its publisher, and the publisher's page listing what it owns.</summary>
public sealed class PublisherPageTests : BrowserTest
{
    [Test]
    public async Task PluginLinksToItsPublisherWhoListsAllTheirPackages()
    {
        await OpenAsync($"/packages/{LighthouseId}");
        var publisher = Page.Locator("section:has(#owners-heading) a").First;
        var owner = (await publisher.TextContentAsync())!.Trim();
        await publisher.ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex($"/publishers/{Regex.Escape(owner)}$"));
        await Expect(Page.Locator("h1")).ToHaveTextAsync(owner);
        // Everything in the seed was pushed with the same bootstrap key, so one owner has it all.
        foreach (var id in new[] { LighthouseId, NightwatchId, LibraryId, HostileId })
        {
            await Expect(Page.Locator(".card-title", new() { HasText = id })).ToHaveCountAsync(1);
        }

        await Screenshots.SaveAsync(Page, "publisher-page");
    }
}
