namespace Faros.Registry.Metadata;

/// <summary>
/// Package metadata. A push first reserves its id and version (a pending row), then stores the files,
/// then completes; reads only ever see completed packages.
/// </summary>
public interface IPackageMetadataStore
{
    Task<ReservationOutcome> ReserveAsync(PackageRecord package, string owner, bool ownerCheck, CancellationToken cancellationToken);
    Task CompleteAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken);
    Task AbandonAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken);
    /// <summary>Pending rows older than <paramref name="olderThan"/>: pushes that died half way.</summary>
    Task<IReadOnlyList<PackageRecord>> FindAbandonedAsync(TimeSpan olderThan, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken);
    Task<PackageRecord?> FindAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken);
    Task<IReadOnlyList<PackageRecord>> FindVersionsAsync(string lowerId, CancellationToken cancellationToken);
    Task<PackageIdRecord?> FindIdAsync(string lowerId, CancellationToken cancellationToken);

    Task<bool> SetListedAsync(string lowerId, string lowerVersion, bool listed, CancellationToken cancellationToken);
    Task<bool> SetDeprecationAsync(string lowerId, string lowerVersion, DeprecationRecord? deprecation, CancellationToken cancellationToken);
    Task<bool> SetHasSymbolsAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken);
    Task<bool> DeleteAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken);

    Task AddDownloadsAsync(IReadOnlyDictionary<long, long> downloadsByPackageKey, CancellationToken cancellationToken);

    Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken);
    Task<AutocompletePage> AutocompleteIdsAsync(AutocompleteQuery query, CancellationToken cancellationToken);

    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}
