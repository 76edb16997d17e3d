using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace Faros.Marketplace.Rendering;

/// <summary>
/// Turns a package README (markdown written by anyone who can push) into HTML that is safe to put on our origin.
/// Markdig keeps raw HTML because real READMEs use it (badges, centred logos); HtmlSanitizer then removes
/// scripts, event handlers, forms, non-http(s)/mailto URLs and anything else that could run or phish.
/// </summary>
public sealed class ReadmeRenderer
{
    /// <summary>READMEs larger than this are cut rather than rendered: they are either mistakes or attacks.</summary>
    public const int MaxMarkdownChars = 512 * 1024;

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        // Explicit list rather than UseAdvancedExtensions: generic attributes ({onclick=...}) are not wanted.
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .UseListExtras()
        .UseFootnotes()
        .UseDefinitionLists()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string Render(string markdown)
    {
        if (markdown.Length > MaxMarkdownChars)
        {
            markdown = markdown[..MaxMarkdownChars];
        }

        var document = Markdown.Parse(markdown, _pipeline);
        // The page title is the h1; README headings sit one level below it for a sane outline.
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(heading.Level + 1, 6);
        }

        var html = document.ToHtml(_pipeline);
        return _sanitizer.Sanitize(html);
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        // Interactive and landmark elements: a README must not post forms or add a second <main> to the page.
        foreach (var tag in new[]
                 {
                     "form", "input", "button", "textarea", "select", "option", "optgroup", "datalist", "keygen",
                     "output", "fieldset", "legend", "label", "main", "nav", "header", "footer", "menu", "menuitem",
                 })
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        // id: DOM clobbering and clashes with the page's own anchors (skip link). style: our CSP blocks it anyway.
        sanitizer.AllowedAttributes.Remove("id");
        sanitizer.AllowedAttributes.Remove("name");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("tabindex");
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowDataAttributes = false;

        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement element)
            {
                // Links leave the site: no referrer, no window.opener, no SEO credit for whatever a README links.
                if (element.LocalName == "a" && element.HasAttribute("href"))
                {
                    element.SetAttribute("rel", "nofollow noopener noreferrer");
                }
                else if (element.LocalName == "img")
                {
                    element.SetAttribute("loading", "lazy");
                    element.SetAttribute("referrerpolicy", "no-referrer");
                }
            }
        };
        return sanitizer;
    }
}
