namespace Faros.Registry.Metadata;

/// <summary>
/// Package metadata. A push first reserves its id and version (a pending row), then stores the files,
/// then completes; reads only ever see completed packages.
/// </summary>
public interface IPackageMetadataStore
{
    /// <summary>
    /// Reserves the id and version for a push. A pending reservation created before <paramref name="reclaimPendingBefore"/>
    /// belongs to a push that died (a killed instance) and is taken over, so that a retry succeeds.
    /// </summary>
    Task<ReservationOutcome> ReserveAsync(PackageRecord package, string owner, bool ownerCheck, DateTimeOffset reclaimPendingBefore, CancellationToken cancellationToken);
    Task CompleteAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken);
    Task AbandonAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken);
    /// <summary>Pending rows older than <paramref name="olderThan"/>: pushes that died half way.</summary>
    Task<IReadOnlyList<PackageRecord>> FindAbandonedAsync(TimeSpan olderThan, CancellationToken cancellationToken);

    /// <summary>Whether a completed package has this id and version.</summary>
    Task<bool> ExistsAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken);

    /// <summary>Inserts a completed package as it was elsewhere (listing, downloads, publish time); false when it exists already.</summary>
    Task<bool> ImportAsync(PackageRecord package, string owner, bool hasSymbols, CancellationToken cancellationToken);
    Task<PackageRecord?> FindAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken);
    Task<IReadOnlyList<PackageRecord>> FindVersionsAsync(string lowerId, CancellationToken cancellationToken);
    Task<PackageIdRecord?> FindIdAsync(string lowerId, CancellationToken cancellationToken);
    Task<IReadOnlyList<PackageIdRecord>> ListIdsAsync(CancellationToken cancellationToken);

    Task<bool> SetListedAsync(string lowerId, string lowerVersion, bool listed, CancellationToken cancellationToken);
    Task<bool> SetDeprecationAsync(string lowerId, string lowerVersion, DeprecationRecord? deprecation, CancellationToken cancellationToken);
    /// <summary>Marks a stored package as having its Sigstore bundle and records the signer it proves; false when it is missing or has one already.</summary>
    Task<bool> AttachSigstoreBundleAsync(string lowerId, string lowerVersion, SignerRecord? signer, CancellationToken cancellationToken);
    Task<bool> SetHasSymbolsAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken);
    Task<bool> DeleteAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken);

    /// <summary>
    /// The changes recorded after sequence number <paramref name="after"/>, oldest first, at most <paramref name="limit"/>;
    /// a change is visible only once every lower-numbered one is, so resuming after the last one read loses nothing.
    /// </summary>
    Task<PackageChangePage> ReadChangesAsync(long after, int limit, CancellationToken cancellationToken);

    Task AddDownloadsAsync(IReadOnlyDictionary<long, long> downloadsByPackageKey, CancellationToken cancellationToken);

    Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken);
    Task<AutocompletePage> AutocompleteIdsAsync(AutocompleteQuery query, CancellationToken cancellationToken);

    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}
