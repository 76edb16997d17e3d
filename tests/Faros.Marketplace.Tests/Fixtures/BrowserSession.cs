using Microsoft.Playwright;

namespace Faros.Marketplace.Tests.Fixtures;

/// <summary>
/// One Chromium for the whole run, launched on first use: starting a browser costs about a second, a fresh
/// context per test costs milliseconds and still isolates cookies, storage and permissions.
/// </summary>
public static class BrowserSession
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static async Task<IBrowser> GetAsync()
    {
        Chromium.RequireInstalled();
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            // CI machines have two cores shared with two servers and the browser; 5 s assertions flake there.
            Assertions.SetDefaultExpectTimeout(15_000);
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium.ExecutablePath,
                Headless = true,
                Args = Chromium.Arguments,
                Timeout = 60_000,
            });
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task CloseAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
    }
}
