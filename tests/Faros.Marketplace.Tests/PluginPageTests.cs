using System.Text.RegularExpressions;
using Faros.Marketplace.Tests.Fixtures;
using Microsoft.Playwright;
using static Faros.Marketplace.Tests.Fixtures.SeedPackages;
using static Microsoft.Playwright.Assertions;

namespace Faros.Marketplace.Tests;

/// <summary>The plugin page: README, install snippets with working copy buttons, versions.</summary>
public sealed class PluginPageTests : BrowserTest
{
    [Test]
    public async Task ShowsTheReadmeAndTheThreeInstallSnippets()
    {
        var response = await OpenAsync($"/packages/{LighthouseId}");
        Assert.That(response!.Status, Is.EqualTo(200));

        await Expect(Page.Locator("h1")).ToContainTextAsync(LighthouseLatest);
        var readme = Page.Locator(".readme .markdown");
        await Expect(readme).ToContainTextAsync(LighthouseReadmeMarker);
        await Expect(readme.Locator("table")).ToBeVisibleAsync();

        await Expect(Page.Locator("#snippet-agent")).ToHaveTextAsync(
            $"spec:\n  plugins:\n    - name: lighthouse\n      package: {LighthouseId}\n      version: \"{LighthouseLatest}\"");
        await Expect(Page.Locator("#snippet-kubectl")).ToHaveTextAsync(
            $"kubectl faros plugins enable my-agent {LighthouseId}@{LighthouseLatest}");
        await Expect(Page.Locator("#snippet-dotnet")).ToHaveTextAsync(
            $"dotnet add package {LighthouseId} --version {LighthouseLatest}");

        // The icon comes through the marketplace and really is an image.
        var iconLoaded = await Page.Locator(".plugin-icon").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0");
        Assert.That(iconLoaded, Is.True, "plugin icon did not load");
        await Screenshots.SaveAsync(Page, "plugin-page");
    }

    [Test]
    public async Task CopyButtonPutsTheSnippetOnTheClipboard()
    {
        await Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await OpenAsync($"/packages/{LighthouseId}");

        var button = Page.GetByRole(AriaRole.Button, new() { Name = "Copy .NET CLI" });
        await Expect(button).ToBeVisibleAsync();
        await button.ClickAsync();
        await Expect(button).ToHaveTextAsync("Copied");
        var clipboard = await Page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.That(clipboard, Is.EqualTo($"dotnet add package {LighthouseId} --version {LighthouseLatest}"));
    }

    [Test]
    public async Task OlderVersionPageShowsThatVersionAndPointsToTheLatest()
    {
        var response = await OpenAsync($"/packages/{LighthouseId}/{LighthouseOlder}");
        Assert.That(response!.Status, Is.EqualTo(200));

        await Expect(Page.Locator("h1")).ToContainTextAsync(LighthouseOlder);
        await Expect(Page.Locator("#snippet-dotnet")).ToContainTextAsync($"--version {LighthouseOlder}");
        await Expect(Page.Locator(".notice")).ToContainTextAsync($"The latest version is {LighthouseLatest}");

        var rows = Page.Locator(".versions tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync(LighthouseLatest);
        await Expect(rows.Nth(0)).ToContainTextAsync("Latest");
        await Expect(rows.Nth(1)).ToContainTextAsync(LighthouseOlder);

        await rows.Nth(0).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/packages/{Regex.Escape(LighthouseId)}/{Regex.Escape(LighthouseLatest)}$"));
        await Expect(Page.Locator("h1")).ToContainTextAsync(LighthouseLatest);
    }

    [Test]
    public async Task KeyboardUsersCanSkipToTheContent()
    {
        await OpenAsync($"/packages/{LighthouseId}");
        await Page.Keyboard.PressAsync("Tab");
        var skip = Page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        await Screenshots.SaveAsync(Page, "skip-link-focused");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("main#content")).ToBeFocusedAsync();
    }

    [Test]
    public async Task VersionsShowUnlistedAndDeprecatedStates()
    {
        await OpenAsync($"/packages/{RetiredId}");
        await Expect(Page.Locator("h1")).ToContainTextAsync(RetiredCurrent);
        var rows = Page.Locator(".versions tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("Latest");
        await Expect(rows.Nth(1).Locator(".badge-unlisted")).ToBeVisibleAsync();
        await Expect(rows.Nth(1).Locator(".badge-deprecated")).ToBeVisibleAsync();

        await rows.Nth(1).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page.Locator("h1")).ToContainTextAsync(RetiredOld);
        await Expect(Page.Locator(".notice-warning")).ToContainTextAsync("unlisted");
        var deprecation = Page.Locator(".notice-danger");
        await Expect(deprecation).ToContainTextAsync("critical bugs");
        await Expect(deprecation).ToContainTextAsync(RetiredMessage);
        await Expect(deprecation.GetByRole(AriaRole.Link, new() { Name = LighthouseId })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, "deprecated-version");
    }
}
