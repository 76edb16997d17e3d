using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;

namespace Faros.Registry.Metadata.Sql;

/// <summary>Package metadata in a SQL database (SQLite or PostgreSQL), through Dapper; the dialect supplies full text.</summary>
public sealed class SqlPackageMetadataStore(ISqlDialect dialect) : IPackageMetadataStore
{
    private const int Pending = 0;
    private const int Available = 1;

    public async Task<ReservationOutcome> ReserveAsync(PackageRecord package, string owner, bool ownerCheck, DateTimeOffset reclaimPendingBefore, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var reclaimed = await connection.ExecuteAsync(
            "DELETE FROM packages WHERE lower_id = @LowerId AND lower_version = @LowerVersion AND state = @Pending AND created < @Before",
            new { package.LowerId, package.LowerVersion, Pending, Before = reclaimPendingBefore.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) },
            transaction);
        await connection.ExecuteAsync(
            "INSERT INTO package_ids (lower_id, id, owner) VALUES (@LowerId, @Id, @Owner) ON CONFLICT (lower_id) DO NOTHING",
            new { package.LowerId, package.Id, Owner = owner }, transaction);

        // The version is taken before the owner is checked, so a version that exists is reported as a duplicate
        // whoever pushes it; the push needs no separate existence query. ON CONFLICT instead of catching the
        // unique violation keeps a PostgreSQL transaction usable and its log free of errors for every duplicate.
        var inserted = await connection.ExecuteAsync(
            InsertPackageSql + " ON CONFLICT (lower_id, lower_version) DO NOTHING",
            PackageRow.ToParameters(package, DateTimeOffset.UtcNow, Pending, downloads: 0, hasSymbols: false), transaction);
        if (inserted == 0)
        {
            return ReservationOutcome.Duplicate;
        }

        if (ownerCheck)
        {
            var existingOwner = await connection.ExecuteScalarAsync<string>(
                "SELECT owner FROM package_ids WHERE lower_id = @LowerId", new { package.LowerId }, transaction);
            if (!string.Equals(existingOwner, owner, StringComparison.OrdinalIgnoreCase))
            {
                return ReservationOutcome.OwnedByAnother;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return reclaimed > 0 ? ReservationOutcome.ReservedOverAbandoned : ReservationOutcome.Reserved;
    }

    public async Task<bool> ImportAsync(PackageRecord package, string owner, bool hasSymbols, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM packages WHERE lower_id = @LowerId AND lower_version = @LowerVersion", new { package.LowerId, package.LowerVersion }, transaction) > 0)
        {
            return false;
        }

        await connection.ExecuteAsync(
            "INSERT INTO package_ids (lower_id, id, owner) VALUES (@LowerId, @Id, @Owner) ON CONFLICT (lower_id) DO NOTHING",
            new { package.LowerId, package.Id, Owner = owner }, transaction);
        await connection.ExecuteAsync(InsertPackageSql, PackageRow.ToParameters(package, DateTimeOffset.UtcNow, Available, package.Downloads, hasSymbols), transaction);
        await connection.ExecuteAsync(
            "UPDATE package_ids SET total_downloads = total_downloads + @Downloads WHERE lower_id = @LowerId", new { package.Downloads, package.LowerId }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task CompleteAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE packages SET state = @Available WHERE lower_id = @lowerId AND lower_version = @lowerVersion",
            new { Available, lowerId, lowerVersion });
    }

    public async Task AbandonAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "DELETE FROM packages WHERE lower_id = @lowerId AND lower_version = @lowerVersion AND state = @Pending",
            new { lowerId, lowerVersion, Pending }, transaction);
        await DeleteIdIfEmptyAsync(connection, transaction, lowerId);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PackageRecord>> FindAbandonedAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var cutoff = DateTimeOffset.UtcNow.Subtract(olderThan).ToString("O", CultureInfo.InvariantCulture);
        var rows = await connection.QueryAsync<PackageRow>(
            "SELECT * FROM packages WHERE state = @Pending AND created < @cutoff", new { Pending, cutoff });
        return rows.Select(row => row.ToRecord()).ToList();
    }

    public async Task<bool> ExistsAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM packages WHERE lower_id = @lowerId AND lower_version = @lowerVersion AND state = @Available",
            new { lowerId, lowerVersion, Available }) > 0;
    }

    public async Task<PackageRecord?> FindAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<PackageRow>(
            "SELECT * FROM packages WHERE lower_id = @lowerId AND lower_version = @lowerVersion AND state = @Available",
            new { lowerId, lowerVersion, Available });
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<PackageRecord>> FindVersionsAsync(string lowerId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PackageRow>(
            "SELECT * FROM packages WHERE lower_id = @lowerId AND state = @Available", new { lowerId, Available });
        return SortByVersion(rows.Select(row => row.ToRecord()));
    }

    public async Task<PackageIdRecord?> FindIdAsync(string lowerId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<PackageIdRecord>(
            "SELECT id, lower_id AS LowerId, owner, total_downloads AS TotalDownloads FROM package_ids WHERE lower_id = @lowerId",
            new { lowerId });
    }

    public async Task<IReadOnlyList<PackageIdRecord>> ListIdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<PackageIdRecord>(
            "SELECT id, lower_id AS LowerId, owner, total_downloads AS TotalDownloads FROM package_ids ORDER BY lower_id");
        return ids.ToList();
    }

    public Task<bool> SetListedAsync(string lowerId, string lowerVersion, bool listed, CancellationToken cancellationToken) =>
        UpdateAvailableAsync("listed = @value", lowerId, lowerVersion, listed ? 1 : 0, cancellationToken);

    public Task<bool> SetDeprecationAsync(string lowerId, string lowerVersion, DeprecationRecord? deprecation, CancellationToken cancellationToken) =>
        UpdateAvailableAsync(
            "deprecation = @value", lowerId, lowerVersion,
            deprecation is null ? null : JsonSerializer.Serialize(deprecation, PackageRow.Json), cancellationToken);

    public async Task<bool> AttachSigstoreBundleAsync(string lowerId, string lowerVersion, SignerRecord? signer, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        // A bundle that proves no signer (an unchecked package) leaves a signer proven earlier in place.
        return await connection.ExecuteAsync(
            """
            UPDATE packages SET has_sigstore_bundle = 1,
                signer_identity = COALESCE(@identity, signer_identity),
                signer_kind = COALESCE(@kind, signer_kind),
                signer_verified = CASE WHEN @identity IS NULL THEN signer_verified ELSE @verified END
            WHERE lower_id = @lowerId AND lower_version = @lowerVersion AND state = 1 AND has_sigstore_bundle = 0
            """,
            Parameters()) > 0;

        DynamicParameters Parameters()
        {
            var parameters = new DynamicParameters(new { lowerId, lowerVersion, verified = signer?.Verified == true ? 1 : 0 });
            // Typed, so that PostgreSQL knows what a null parameter in "@x IS NULL" is.
            parameters.Add("identity", signer?.Identity, DbType.String);
            parameters.Add("kind", signer?.Kind, DbType.String);
            return parameters;
        }
    }

    public Task<bool> SetHasSymbolsAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken) =>
        UpdateAvailableAsync("has_symbols = @value", lowerId, lowerVersion, 1, cancellationToken);

    public async Task<bool> DeleteAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(
            "DELETE FROM packages WHERE lower_id = @lowerId AND lower_version = @lowerVersion AND state = @Available",
            new { lowerId, lowerVersion, Available }, transaction);
        await DeleteIdIfEmptyAsync(connection, transaction, lowerId);
        await transaction.CommitAsync(cancellationToken);
        return deleted > 0;
    }

    public async Task<PackageChangePage> ReadChangesAsync(long after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        // Latest first, and changes only up to it: the page never holds a change newer than the Latest it reports.
        var (oldest, latest) = await connection.QuerySingleAsync<(long, long)>("SELECT COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0) FROM package_changes");
        var changes = await connection.QueryAsync<PackageChange>(
            "SELECT seq AS Sequence, lower_id AS LowerId FROM package_changes WHERE seq > @after AND seq <= @latest ORDER BY seq LIMIT @limit",
            new { after, latest, limit });
        return new PackageChangePage(changes.ToList(), oldest, latest);
    }

    public async Task AddDownloadsAsync(IReadOnlyDictionary<long, long> downloadsByPackageKey, CancellationToken cancellationToken)
    {
        if (downloadsByPackageKey.Count == 0)
        {
            return;
        }

        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var increments = downloadsByPackageKey.Select(pair => new { Key = pair.Key, Count = pair.Value }).ToList();
        await connection.ExecuteAsync("UPDATE packages SET downloads = downloads + @Count WHERE key = @Key", increments, transaction);
        await connection.ExecuteAsync(
            "UPDATE package_ids SET total_downloads = total_downloads + @Count WHERE lower_id = (SELECT lower_id FROM packages WHERE key = @Key)",
            increments, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(VersionFilterParameters(query.IncludePrerelease, query.IncludeSemVer2, query.PackageType, query.Plugin));
        // Typed, so that PostgreSQL knows what a null parameter in "@x IS NULL" is.
        parameters.Add("owner", query.Owner, DbType.String);
        parameters.Add("idFilter", query.IdFilter?.ToLowerInvariant(), DbType.String);
        parameters.Add("skip", query.Skip);
        parameters.Add("take", query.Take);

        var matchClause = "";
        var from = "packages p";
        var score = "0.0";
        if (query.Terms.Count > 0)
        {
            parameters.Add("match", dialect.FullTextQuery(query.Terms));
            from = dialect.FullTextFrom;
            matchClause = dialect.FullTextCondition + " AND";
            score = dialect.FullTextScore;
        }

        var orderBy = query.Sort switch
        {
            SearchSort.Downloads => "i.total_downloads DESC, i.lower_id",
            SearchSort.Published => "m.published DESC, i.lower_id",
            SearchSort.Id => "i.lower_id",
            _ => "m.score, i.total_downloads DESC, i.lower_id",
        };

        var sql = $"""
            WITH ranked AS MATERIALIZED (
                SELECT p.lower_id AS lower_id, {score} AS score, p.published AS published
                FROM {from}
                WHERE {matchClause} {VersionFilterSql}
                  AND (@idFilter IS NULL OR p.lower_id = @idFilter)
            ),
            matches AS (
                -- SQLite's bm25() cannot sit inside an aggregate, hence the materialized step above.
                SELECT lower_id, min(score) AS score, max(published) AS published FROM ranked GROUP BY lower_id
            )
            SELECT i.id AS Id, i.lower_id AS LowerId, i.owner AS Owner, i.total_downloads AS TotalDownloads, count(*) OVER () AS Total
            FROM matches m JOIN package_ids i ON i.lower_id = m.lower_id
            WHERE (@owner IS NULL OR lower(i.owner) = lower(@owner))
            ORDER BY {orderBy}
            LIMIT @take OFFSET @skip
            """;

        await using var connection = await dialect.OpenAsync(cancellationToken);
        var ids = (await connection.QueryAsync<IdWithTotal>(sql, parameters)).ToList();
        long total;
        if (ids.Count > 0)
        {
            total = ids[0].Total;
        }
        else
        {
            // The window count is lost when the page is past the end; count without paging.
            parameters.Add("take", int.MaxValue);
            parameters.Add("skip", 0);
            total = (await connection.QueryAsync<IdWithTotal>(sql, parameters)).Count();
        }

        if (ids.Count == 0)
        {
            return new SearchPage(total, []);
        }

        var versionParameters = new DynamicParameters(VersionFilterParameters(query.IncludePrerelease, query.IncludeSemVer2, query.PackageType, query.Plugin));
        versionParameters.Add("ids", ids.Select(id => id.LowerId).ToArray());
        var versions = (await connection.QueryAsync<PackageRow>(
                $"SELECT * FROM packages p WHERE {dialect.InList("p.lower_id", "@ids")} AND {VersionFilterSql}", versionParameters))
            .Select(row => row.ToRecord())
            .ToLookup(package => package.LowerId);

        var hits = ids
            .Select(id => new SearchHit(new PackageIdRecord(id.Id, id.LowerId, id.Owner, id.TotalDownloads), SortByVersion(versions[id.LowerId])))
            .Where(hit => hit.Versions.Count > 0)
            .ToList();
        return new SearchPage(total, hits);
    }

    public async Task<AutocompletePage> AutocompleteIdsAsync(AutocompleteQuery query, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(VersionFilterParameters(query.IncludePrerelease, query.IncludeSemVer2, query.PackageType));
        parameters.Add("prefix", query.Prefix.ToLowerInvariant());
        parameters.Add("skip", query.Skip);
        parameters.Add("take", query.Take);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(string Id, long Total)>(
            $"""
            SELECT i.id, count(*) OVER () FROM package_ids i
            WHERE {dialect.Position("i.lower_id", "@prefix")} > 0
              AND EXISTS (SELECT 1 FROM packages p WHERE p.lower_id = i.lower_id AND {VersionFilterSql})
            ORDER BY CASE WHEN {dialect.Position("i.lower_id", "@prefix")} = 1 THEN 0 ELSE 1 END, i.total_downloads DESC, i.lower_id
            LIMIT @take OFFSET @skip
            """, parameters)).ToList();
        return new AutocompletePage(rows.Count > 0 ? rows[0].Total : 0, rows.Select(row => row.Id).ToList());
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_migrations") > 0;
    }

    private const string InsertPackageSql = """
        INSERT INTO packages (lower_id, id, version, lower_version, original_version, is_prerelease, is_semver2, listed, state,
            published, created, title, description, summary, authors, tags, project_url, license_url, license_expression, icon_url,
            release_notes, copyright, language, min_client_version, require_license_acceptance, package_types, package_types_search,
            dependency_groups, deprecation, readme_file, icon_file, size, sha512, downloads, has_symbols,
            plugin_manifest, plugin_side, plugin_category, plugin_kinds_search,
            signer_identity, signer_kind, signer_verified, has_sigstore_bundle)
        VALUES (@LowerId, @Id, @Version, @LowerVersion, @OriginalVersion, @IsPrerelease, @IsSemver2, @Listed, @State,
            @Published, @Created, @Title, @Description, @Summary, @Authors, @Tags, @ProjectUrl, @LicenseUrl, @LicenseExpression, @IconUrl,
            @ReleaseNotes, @Copyright, @Language, @MinClientVersion, @RequireLicenseAcceptance, @PackageTypes, @PackageTypesSearch,
            @DependencyGroups, @Deprecation, @ReadmeFile, @IconFile, @Size, @Sha512, @Downloads, @HasSymbols,
            @PluginManifest, @PluginSide, @PluginCategory, @PluginKindsSearch,
            @SignerIdentity, @SignerKind, @SignerVerified, @HasSigstoreBundle)
        """;

    private const string VersionFilterSql = """
        p.state = 1 AND p.listed = 1
        AND (@includePrerelease = 1 OR p.is_prerelease = 0)
        AND (@includeSemVer2 = 1 OR p.is_semver2 = 0)
        AND (@packageTypeLike IS NULL OR p.package_types_search LIKE @packageTypeLike)
        AND (@pluginCategory IS NULL OR lower(p.plugin_category) = @pluginCategory)
        AND (@pluginSide IS NULL OR p.plugin_side = @pluginSide OR p.plugin_side = 'both')
        AND (@pluginKindLike IS NULL OR p.plugin_kinds_search LIKE @pluginKindLike)
        AND (@verifiedOnly = 0 OR p.signer_verified = 1)
        """;

    private static object VersionFilterParameters(bool includePrerelease, bool includeSemVer2, string? packageType, PluginFilter? plugin = null) => new
    {
        includePrerelease = includePrerelease ? 1 : 0,
        includeSemVer2 = includeSemVer2 ? 1 : 0,
        packageTypeLike = LikeWord(packageType),
        pluginCategory = plugin?.Category?.Trim().ToLowerInvariant(),
        pluginSide = plugin?.Side?.Trim().ToLowerInvariant(),
        pluginKindLike = LikeWord(plugin?.Kind),
        verifiedOnly = plugin?.VerifiedOnly == true ? 1 : 0,
    };

    private static string? LikeWord(string? word) => string.IsNullOrWhiteSpace(word) ? null : "%|" + word.Trim().ToLowerInvariant() + "|%";

    private static async Task DeleteIdIfEmptyAsync(DbConnection connection, DbTransaction transaction, string lowerId) =>
        await connection.ExecuteAsync(
            "DELETE FROM package_ids WHERE lower_id = @lowerId AND NOT EXISTS (SELECT 1 FROM packages WHERE lower_id = @lowerId)",
            new { lowerId }, transaction);

    private async Task<bool> UpdateAvailableAsync(string assignment, string lowerId, string lowerVersion, object? value, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            $"UPDATE packages SET {assignment} WHERE lower_id = @lowerId AND lower_version = @lowerVersion AND state = 1",
            new { lowerId, lowerVersion, value }) > 0;
    }

    private static List<PackageRecord> SortByVersion(IEnumerable<PackageRecord> packages) =>
        packages.OrderBy(package => NuGet.Versioning.NuGetVersion.Parse(package.Version)).ToList();

    private sealed class IdWithTotal
    {
        public string Id { get; set; } = "";
        public string LowerId { get; set; } = "";
        public string Owner { get; set; } = "";
        public long TotalDownloads { get; set; }
        public long Total { get; set; }
    }
}
