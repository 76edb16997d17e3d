using Faros.Marketplace.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Faros.Marketplace.Web;

/// <summary>
/// Cache-Control for pages that did not set their own: successful pages and 404s may be cached as long as the
/// registry data behind them (a push shows up within that time); errors never are, so a registry hiccup is not
/// remembered by browsers or proxies.
/// </summary>
public static class CacheHeaders
{
    public static IApplicationBuilder UseDefaultCacheHeaders(this IApplicationBuilder app)
    {
        var seconds = app.ApplicationServices.GetRequiredService<IOptions<MarketplaceOptions>>().Value.PageCacheSeconds;
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var response = context.Response;
                if (response.Headers.ContainsKey(HeaderNames.CacheControl))
                {
                    return Task.CompletedTask;
                }

                response.Headers.CacheControl = (response.StatusCode is (>= 200 and < 300) or 404) && seconds > 0
                    ? $"public, max-age={seconds}, stale-while-revalidate={seconds}"
                    : "no-store";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
