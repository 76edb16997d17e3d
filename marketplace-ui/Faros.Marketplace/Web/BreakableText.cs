using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Faros.Marketplace.Web;

/// <summary>
/// Package ids are long dotted words (Acme.Faros.Plugins.Modbus). On a phone they must wrap, and wrapping after
/// a dot reads far better than the browser's break-anywhere fallback, so a &lt;wbr&gt; follows every dot.
/// </summary>
public static class BreakableText
{
    public static IHtmlContent AfterDots(string text)
    {
        var parts = text.Split('.');
        return new HtmlString(string.Join(".<wbr>", parts.Select(HtmlEncoder.Default.Encode)));
    }
}
