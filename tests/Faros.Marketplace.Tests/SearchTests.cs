using System.Text.RegularExpressions;
using Faros.Marketplace.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Faros.Marketplace.Tests.Fixtures.SeedPackages;

namespace Faros.Marketplace.Tests;

/// <summary>Searching from the home page, and filters narrowing results, as a person would use them.</summary>
public sealed class SearchTests : BrowserTest
{
    [Test]
    public async Task HomePageSearchFindsAPluginByAWordOfItsDescription()
    {
        await OpenAsync("/");
        await Page.Locator("#hero-q").FillAsync(LighthouseWord);
        await Screenshots.SaveAsync(Page, "home-typed-query");
        await Page.Locator("#hero-q").PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new Regex("/search\\?q=" + LighthouseWord));
        var results = Page.Locator(".results .card");
        await Expect(results).ToHaveCountAsync(1);
        await Expect(results.First.Locator(".card-title")).ToContainTextAsync(LighthouseId);
        await Expect(results.First.Locator(".card-summary")).ToContainTextAsync(LighthouseWord);

        await results.First.GetByRole(AriaRole.Link, new() { Name = LighthouseId }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/packages/{Regex.Escape(LighthouseId)}$"));
        await Expect(Page.Locator("h1")).ToContainTextAsync(LighthouseId);
    }

    [Test]
    public async Task FiltersNarrowTheListAndStayInTheUrl()
    {
        // Widest: every package type, prereleases included.
        await OpenAsync($"/search?q={SharedWord}&type=any&prerelease=true");
        var ids = Page.Locator(".results .card-title");
        await Expect(ids).ToHaveCountAsync(3);
        await Screenshots.SaveAsync(Page, "search-all-types");

        // Plugins only: the library drops out. Script submits the form on change; the URL says what is shown.
        await Page.GetByLabel("Package type").SelectOptionAsync(new SelectOptionValue { Label = "Faros plugins" });
        await Expect(Page).ToHaveURLAsync(new Regex("^(?!.*type=).*prerelease=true"));
        await Expect(ids).ToHaveCountAsync(2);
        await Expect(Page.Locator(".results")).Not.ToContainTextAsync(LibraryId);

        // Stable only: the preview-only plugin drops out.
        await Page.GetByLabel("Include prerelease").UncheckAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("^(?!.*prerelease=).*q=" + SharedWord));
        await Expect(ids).ToHaveCountAsync(1);
        await Expect(ids.First).ToContainTextAsync(LighthouseId);
        await Expect(Page.Locator(".results-count")).ToContainTextAsync("1 result");

        // The narrowed URL is shareable: opening it fresh shows the same list.
        var shared = Page.Url;
        await OpenAsync(shared);
        await Expect(ids).ToHaveCountAsync(1);
        await Expect(Page.GetByLabel("Include prerelease")).Not.ToBeCheckedAsync();
    }

    [Test]
    public async Task SearchWorksWithoutJavaScript()
    {
        var context = await Page.Context.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false,
            BaseURL = Marketplace.BaseAddress.AbsoluteUri,
        });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync($"/search?q={SharedWord}&type=any&prerelease=true");
            await page.GetByLabel("Include prerelease").UncheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("^(?!.*prerelease=true).*q=" + SharedWord));
            await Expect(page.Locator(".results .card-title")).ToHaveCountAsync(2);
            // Copy buttons need script, so without it they stay hidden rather than dead.
            await page.GotoAsync($"/packages/{LighthouseId}");
            await Expect(page.Locator("button.copy").First).ToBeHiddenAsync();
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
