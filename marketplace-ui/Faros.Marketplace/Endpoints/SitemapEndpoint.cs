using System.Text;
using System.Xml;
using Faros.Marketplace.Catalog;
using Faros.Marketplace.Registry;
using Faros.Marketplace.Web;

namespace Faros.Marketplace.Endpoints;

/// <summary>
/// <c>/sitemap.xml</c>: the home page, search, every plugin page and every publisher, so crawlers find plugins
/// that no list links to. Bounded by the sitemap protocol's 50,000 URL limit.
/// </summary>
public static class SitemapEndpoint
{
    private const int MaxUrls = 50_000;
    private const int PageSize = 100;

    public static IEndpointRouteBuilder MapSitemap(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sitemap.xml", async (PluginCatalog catalog, PublicUrls urls, HttpContext context,
            CancellationToken cancellationToken) =>
        {
            var plugins = new List<PluginSummary>();
            for (var skip = 0; skip < MaxUrls; skip += PageSize)
            {
                var page = await catalog.SearchAsync(new SearchQuery { Skip = skip, Take = PageSize, Prerelease = true, SortBy = "id" }, cancellationToken);
                plugins.AddRange(page.Plugins);
                if (page.Plugins.Count < PageSize || skip + PageSize >= page.TotalHits)
                {
                    break;
                }
            }

            var owners = plugins.SelectMany(p => p.Owners).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase);
            var buffer = new StringBuilder();
            using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
            {
                xml.WriteStartDocument();
                xml.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
                WriteUrl(xml, urls.Absolute(context.Request, "/"), null);
                WriteUrl(xml, urls.Absolute(context.Request, "/search"), null);
                foreach (var plugin in plugins)
                {
                    WriteUrl(xml, urls.Absolute(context.Request, SiteLinks.Plugin(plugin.Id)), plugin.Published);
                }

                foreach (var owner in owners)
                {
                    WriteUrl(xml, urls.Absolute(context.Request, SiteLinks.Publisher(owner)), null);
                }

                xml.WriteEndElement();
            }

            context.Response.Headers.CacheControl = "public, max-age=300";
            // StringBuilder output declares utf-16; the bytes we send are utf-8.
            return Results.Text(buffer.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\""), "application/xml", Encoding.UTF8);
        });
        return endpoints;
    }

    private static void WriteUrl(XmlWriter xml, string location, DateTimeOffset? lastModified)
    {
        xml.WriteStartElement("url");
        xml.WriteElementString("loc", location);
        if (lastModified is { } date)
        {
            xml.WriteElementString("lastmod", date.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        xml.WriteEndElement();
    }
}
