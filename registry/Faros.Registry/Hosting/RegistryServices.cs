using Faros.Registry.Authentication;
using Faros.Registry.Downloads;
using Faros.Registry.Feed;
using Faros.Registry.Metadata;
using Faros.Registry.Metadata.Sqlite;
using Faros.Registry.Packages;
using Faros.Registry.Protocol;
using Faros.Registry.Search;
using Faros.Registry.Storage;
using Microsoft.Extensions.Options;

namespace Faros.Registry.Hosting;

/// <summary>The registry's services, shared by the web host and the admin commands so both see the same data.</summary>
public static class RegistryServices
{
    public static IServiceCollection AddRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

        services.AddOptions<RegistryOptions>()
            .Bind(configuration.GetSection(RegistryOptions.Section))
            .PostConfigure(options =>
            {
                if (Environment.GetEnvironmentVariable("FAROS_DATA_DIR") is { Length: > 0 } dataDir)
                {
                    options.DataDir = dataDir;
                }

                options.DataDir = Path.GetFullPath(options.DataDir);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new SqliteConnectionFactory(provider.GetRequiredService<IOptions<RegistryOptions>>().Value.DatabasePath));
        services.AddSingleton<SqliteMigrator>();
        services.AddSingleton<IPackageMetadataStore, SqlitePackageMetadataStore>();
        services.AddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.AddSingleton<IPackageFileStore>(provider => new FileSystemPackageFileStore(provider.GetRequiredService<IOptions<RegistryOptions>>().Value.PackagesPath));

        services.AddSingleton<RegistryMetrics>();
        services.AddSingleton<FeedChanges>();
        services.AddSingleton<PackageViewCache>();
        services.AddSingleton<PackageContentCache>();
        services.AddSingleton<SearchService>();
        services.AddSingleton<DownloadCounter>();
        services.AddSingleton<BaseUrlResolver>();

        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<PublisherAuthorization>();
        services.AddSingleton<PackageValidator>();
        services.AddSingleton<PackageIngestion>();
        services.AddSingleton<PackageListing>();
        services.AddSingleton<UploadReader>();
        services.AddSingleton<RegistryInitializer>();
        return services;
    }
}
