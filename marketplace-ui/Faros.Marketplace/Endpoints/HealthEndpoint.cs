namespace Faros.Marketplace.Endpoints;

/// <summary>
/// Liveness only: the process serves requests. Deliberately not tied to the registry, so an orchestrator does not
/// restart every marketplace replica while the registry is down (pages already answer 503 then).
/// </summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Text("ok", "text/plain");
        }).ExcludeFromDescription();
        return endpoints;
    }
}
