using Faros.Registry.Metadata;
using Faros.Registry.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Faros.Registry.Hosting;

/// <summary>Ready when the database answers with its schema in place and package storage is reachable.</summary>
public sealed class ReadinessCheck(IPackageMetadataStore metadata, IPackageFileStore files) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await metadata.IsReadyAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database has no schema yet.");
            }

            return await files.IsReadyAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Package storage is not reachable.");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The registry's storage failed its check.", exception);
        }
    }
}
