using System.Collections.Concurrent;
using Faros.Registry.Metadata;

namespace Faros.Registry.Feed;

/// <summary>
/// Everything the feed serves about one id, read from the store once per change: its versions in order,
/// and the documents built from them, kept per base URL.
/// </summary>
public sealed class PackageIdView(PackageIdRecord id, IReadOnlyList<PackageRecord> versions)
{
    // Forwarded headers can vary the base URL; a few variants are normal, many would be abuse.
    private const int MaxDocumentsPerId = 256;
    private readonly ConcurrentDictionary<string, CachedDocument> documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PackageRecord> byLowerVersion =
        versions.ToDictionary(version => version.LowerVersion, StringComparer.Ordinal);

    public PackageIdRecord Id { get; } = id;

    /// <summary>Available versions, listed and unlisted, in ascending SemVer order.</summary>
    public IReadOnlyList<PackageRecord> Versions { get; } = versions;

    public PackageRecord? Find(string lowerVersion) => byLowerVersion.GetValueOrDefault(lowerVersion);

    public CachedDocument Document(string key, Func<CachedDocument> build)
    {
        if (documents.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var built = build();
        return documents.Count < MaxDocumentsPerId ? documents.GetOrAdd(key, built) : built;
    }
}
