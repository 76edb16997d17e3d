using Azure.Storage.Blobs;
using Faros.Registry.Authentication;
using Faros.Registry.Downloads;
using Faros.Registry.Feed;
using Faros.Registry.Metadata;
using Faros.Registry.Metadata.PostgreSql;
using Faros.Registry.Metadata.Sql;
using Faros.Registry.Metadata.Sqlite;
using Faros.Registry.Packages;
using Faros.Registry.Protocol;
using Faros.Registry.Search;
using Faros.Registry.Signing;
using Faros.Registry.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Faros.Registry.Hosting;

/// <summary>
/// The registry's services, shared by the web host and the admin commands so both see the same data.
/// Configuration picks the providers: Database:Provider (Sqlite | PostgreSql) and Storage:Provider (FileSystem | AzureBlob).
/// </summary>
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
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UpstreamOptions>().Bind(configuration.GetSection(UpstreamOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RepositorySigningOptions>()
            .Bind(configuration.GetSection(RepositorySigningOptions.Section))
            .PostConfigure(options =>
            {
                var publicBaseUrl = configuration.GetSection(RegistryOptions.Section)[nameof(RegistryOptions.PublicBaseUrl)];
                if (string.IsNullOrWhiteSpace(options.ServiceIndexUrl) && publicBaseUrl?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true)
                {
                    options.ServiceIndexUrl = new FeedUrls(publicBaseUrl).ServiceIndex;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<PublisherTrustOptions>().Bind(configuration.GetSection(PublisherTrustOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        AddDatabase(services, configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions());
        AddStorage(services, configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions());

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SqlMigrator>();
        services.AddSingleton<IPackageMetadataStore, SqlPackageMetadataStore>();
        services.AddSingleton<IApiKeyStore, SqlApiKeyStore>();

        services.AddSingleton<RegistryMetrics>();
        services.AddSingleton<FeedChanges>();
        services.AddSingleton<ChangeSignal>();
        services.AddSingleton<PackageChangeFeed>();
        services.AddSingleton<PackageViewCache>();
        services.AddSingleton<PackageContentCache>();
        services.AddSingleton<SearchService>();
        services.AddSingleton<DownloadCounter>();
        services.AddSingleton<BaseUrlResolver>();

        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<PublisherAuthorization>();
        services.AddSingleton<PackageValidator>();
        services.AddSingleton<RepositorySigner>();
        services.AddSingleton<PublisherTrust>();
        services.AddSingleton<PackageIngestion>();
        services.AddSingleton<SigstoreBundleAttachment>();
        services.AddSingleton<PackageListing>();
        services.AddSingleton<UploadReader>();
        services.AddSingleton<PushRequestHandler>();
        services.AddSingleton<RegistryInitializer>();
        services.AddSingleton<Upstream.UpstreamMirror>();
        services.AddSingleton<Migration.EmbeddedRegistryMigration>();
        return services;
    }

    private static void AddDatabase(IServiceCollection services, DatabaseOptions database)
    {
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(database.ConnectionString!));
            services.AddSingleton<ISqlDialect, PostgreSqlDialect>();
            services.AddSingleton<IFeedChangeBroadcaster, PostgreSqlFeedChangeBroadcaster>();
            services.AddHostedService<PostgreSqlFeedChangeListener>();
            return;
        }

        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<RegistryOptions>>().Value;
            return new SqliteConnectionFactory(options.DatabasePath, options.DurableWrites);
        });
        services.AddSingleton<ISqlDialect, SqliteDialect>();
        services.AddSingleton<IFeedChangeBroadcaster, NoFeedChangeBroadcaster>();
    }

    private static void AddStorage(IServiceCollection services, StorageOptions storage)
    {
        if (storage.Provider == StorageProvider.AzureBlob)
        {
            services.AddSingleton<IPackageFileStore>(_ => new AzureBlobPackageFileStore(
                new BlobContainerClient(storage.AzureBlob.ConnectionString, storage.AzureBlob.Container), storage.AzureBlob));
            return;
        }

        services.AddSingleton<IPackageFileStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<RegistryOptions>>().Value;
            return new FileSystemPackageFileStore(options.PackagesPath, options.DurableWrites);
        });
    }
}
