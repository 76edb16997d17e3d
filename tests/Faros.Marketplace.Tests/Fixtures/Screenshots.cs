using Microsoft.Playwright;

namespace Faros.Marketplace.Tests.Fixtures;

/// <summary>
/// Full-page screenshots kept under the test output and attached to the test result, so a reviewer (or CI
/// artifact viewer) can see what the page looked like, not only whether assertions held.
/// </summary>
public static class Screenshots
{
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var safeName = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
        var path = Path.Combine(directory, safeName + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, $"{name}: {page.Url}");
        return path;
    }
}
