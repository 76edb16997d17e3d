using Faros.Marketplace.Tests.Fixtures;
using static Faros.Marketplace.Tests.Fixtures.SeedPackages;
using static Microsoft.Playwright.Assertions;

namespace Faros.Marketplace.Tests;

/// <summary>A README written to attack visitors renders as inert text.</summary>
public sealed class HostileReadmeTests : BrowserTest
{
    [Test]
    public async Task HostileReadmeRendersInert()
    {
        var response = await OpenAsync($"/packages/{HostileId}");
        Assert.That(response!.Status, Is.EqualTo(200));
        await Expect(Page.Locator(".markdown")).ToContainTextAsync(HostileReadmeMarker);

        // Give anything that might fire (onerror, onload, ontoggle) the chance to, then hover and click the bait.
        await Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        var bait = Page.GetByText("hover me");
        if (await bait.CountAsync() > 0)
        {
            await bait.HoverAsync();
            await bait.ClickAsync();
        }

        foreach (var link in await Page.Locator(".markdown a").AllAsync())
        {
            if (await link.IsVisibleAsync())
            {
                await link.ClickAsync(new() { Timeout = 2_000 });
            }
        }

        await Page.WaitForTimeoutAsync(300);
        Assert.That(Dialogs, Is.Empty, "script ran: a dialog opened");

        var findings = await Page.EvaluateAsync<string[]>("""
            () => {
              const found = [];
              const readme = document.querySelector('.markdown');
              for (const s of document.querySelectorAll('script')) {
                if (!s.src || new URL(s.src).origin !== location.origin) found.push('script: ' + s.outerHTML.slice(0, 80));
              }
              for (const el of readme.querySelectorAll('*')) {
                for (const a of el.attributes) {
                  if (a.name.toLowerCase().startsWith('on')) found.push('handler: ' + el.tagName + ' ' + a.name);
                  if (/^\s*javascript:/i.test(a.value)) found.push('javascript url: ' + el.tagName + ' ' + a.name);
                }
              }
              for (const tag of ['iframe', 'object', 'embed', 'form', 'style', 'svg', 'script']) {
                if (readme.querySelector(tag)) found.push('element: ' + tag);
              }
              for (const a of document.querySelectorAll('a[href]')) {
                if (a.protocol === 'javascript:') found.push('javascript href: ' + a.outerHTML.slice(0, 80));
              }
              return found;
            }
            """);
        Assert.That(findings, Is.Empty);
        await Screenshots.SaveAsync(Page, "hostile-readme");
    }
}
