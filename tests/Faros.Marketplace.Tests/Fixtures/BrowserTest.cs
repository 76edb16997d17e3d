using Faros.Marketplace.Tests;
using Microsoft.Playwright;

namespace Faros.Marketplace.Tests.Fixtures;


/// <summary>
/// Base for tests that drive the browser: a fresh context and page per test, a record of every dialog (a
/// dialog means script ran), and a screenshot of the final page attached to every test, passed or failed.
/// </summary>
public abstract class BrowserTest
{
    private IBrowserContext? _context;

    protected IPage Page { get; private set; } = null!;

    protected List<string> Dialogs { get; } = [];

    protected MarketplaceProcess Marketplace => MarketplaceSuite.Marketplace;

    /// <summary>Desktop by default; the phone tests override this.</summary>
    protected virtual ViewportSize Viewport => new() { Width = 1280, Height = 900 };

    [SetUp]
    public async Task OpenPageAsync()
    {
        var browser = await BrowserSession.GetAsync();
        _context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = Viewport,
            BaseURL = Marketplace.BaseAddress.AbsoluteUri,
        });
        // Generous: two servers and a browser share two cores, often next to a build.
        _context.SetDefaultTimeout(20_000);
        _context.SetDefaultNavigationTimeout(30_000);
        Page = await _context.NewPageAsync();
        Dialogs.Clear();
        Page.Dialog += async (_, dialog) =>
        {
            Dialogs.Add($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
    }

    [TearDown]
    public async Task ClosePageAsync()
    {
        if (_context is null)
        {
            return;
        }

        try
        {
            await Screenshots.SaveAsync(Page, TestContext.CurrentContext.Test.Name + "-final");
        }
        finally
        {
            await _context.CloseAsync();
            _context = null;
        }
    }

    protected Task<IResponse?> OpenAsync(string pathAndQuery) => Page.GotoAsync(pathAndQuery);
}
