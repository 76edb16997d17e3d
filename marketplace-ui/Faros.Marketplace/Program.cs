using Faros.Hosting;
using Faros.Marketplace.Catalog;
using Faros.Marketplace.Configuration;
using Faros.Marketplace.Endpoints;
using Faros.Marketplace.Registry;
using Faros.Marketplace.Rendering;
using Faros.Marketplace.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // Run as `dotnet path/to/Faros.Marketplace.dll` from anywhere: static files and settings live beside the dll.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Logging.AddFarosConsole();

builder.Services.AddOptions<MarketplaceOptions>()
    .Bind(builder.Configuration.GetSection(MarketplaceOptions.SectionName))
    .ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<MarketplaceOptions>, MarketplaceOptionsValidator>();

// Bounded: search keys come from user input, so an unbounded cache could be grown by anyone.
builder.Services.AddMemoryCache(cache => cache.SizeLimit = 10_000);
builder.Services.AddHttpClient<RegistryClient>(http => http.Timeout = TimeSpan.FromSeconds(10));
builder.Services.AddSingleton<ReadmeRenderer>();
builder.Services.AddSingleton<PublicUrls>();
builder.Services.AddTransient<PluginCatalog>();
builder.Services.AddTransient<CategoryDirectory>();
builder.Services.AddRazorPages();
// The site has no logins or POST forms, so nothing it protects outlives the process: keep keys in memory
// instead of writing a key ring to the home directory of whatever container runs it.
builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
builder.Services.AddRouting(routing => routing.LowercaseUrls = false);

var app = builder.Build();

try
{
    // Touch the options first so a bad configuration stops start-up with its own message.
    _ = app.Services.GetRequiredService<IOptions<MarketplaceOptions>>().Value;

    app.UseExceptionHandler("/error");
    app.UseStatusCodePagesWithReExecute("/not-found");
    app.UseSecurityHeaders();
    app.UseDefaultCacheHeaders();
    app.UseStaticFiles(new StaticFileOptions
    {
        // File names are versioned with asp-append-version, so browsers may keep them for a day.
        OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=86400",
    });
    app.UseRouting();

    app.MapHealth();
    app.MapSitemap();
    app.MapIcons();
    app.MapRazorPages();

    app.Run();
    return 0;
}
catch (OptionsValidationException ex)
{
    // One readable line per problem instead of a stack trace.
    foreach (var failure in ex.Failures)
    {
        Console.Error.WriteLine($"Faros.Marketplace cannot start: {failure}");
    }

    return 2;
}
