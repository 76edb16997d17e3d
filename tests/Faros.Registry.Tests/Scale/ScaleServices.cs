namespace Faros.Registry.Tests.Scale;

/// <summary>
/// One PostgreSQL cluster and one Azurite for the whole run, started on first use: each registry gets its own
/// database and blob container in them, so sharing the servers costs no isolation.
/// </summary>
public static class ScaleServices
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgreSqlServer? postgreSql;
    private static AzuriteServer? azurite;

    public static async Task<(PostgreSqlServer PostgreSql, AzuriteServer Azurite)> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            postgreSql ??= await StartAsync(() => PostgreSqlServer.StartAsync());
            azurite ??= await StartAsync(() => AzuriteServer.StartAsync());
            return (postgreSql, azurite);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Registry settings for a fresh database and container on the shared servers.</summary>
    public static async Task<Dictionary<string, string>> NewRegistryConfigurationAsync(string? container = null)
    {
        var (server, blobs) = await GetAsync();
        return new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["Database__ConnectionString"] = await server.CreateDatabaseAsync(),
            ["Storage__Provider"] = "AzureBlob",
            ["Storage__AzureBlob__ConnectionString"] = blobs.ConnectionString,
            ["Storage__AzureBlob__Container"] = container ?? NewContainerName(),
        };
    }

    public static string NewContainerName() => "packages-" + Guid.NewGuid().ToString("N")[..12];

    internal static async Task StopAsync()
    {
        if (postgreSql is not null)
        {
            await postgreSql.DisposeAsync();
            postgreSql = null;
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync();
            azurite = null;
        }
    }

    private static Task<T> StartAsync<T>(Func<Task<T>> start) => RequiredService.RequireAsync(start());
}
