using Faros.Hosting;
using Faros.Registry.Downloads;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Faros.Registry.Hosting;

/// <summary>Builds the registry's web application: Kestrel, controllers, health endpoints, logs and metrics.</summary>
public static class RegistryWebApp
{
    public static WebApplication Build(string[] args)
    {
        // Settings files sit next to the binary, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddFarosConsole();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The upload reader raises the limit for push requests only; every other request stays small.
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
        });

        builder.Services.AddRegistry(builder.Configuration);
        builder.Services.AddHostedService<DownloadFlushService>();
        builder.Services.AddControllers();
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("storage", tags: ["ready"]);

        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService("faros-registry"))
                .WithMetrics(metrics => metrics
                    .AddAspNetCoreInstrumentation()
                    .AddMeter(RegistryMetrics.MeterName)
                    .AddOtlpExporter());
        }

        var app = builder.Build();
        app.UseExceptionHandler();
        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapControllers();
        return app;
    }

}
