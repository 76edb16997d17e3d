namespace Faros.PluginHost.Fetching;

/// <summary>A finished download.</summary>
/// <param name="Length">Bytes in the file.</param>
/// <param name="ResumedFrom">Bytes that were already on disk from an interrupted download (0 when fresh).</param>
/// <param name="Attempts">Requests it took.</param>
public sealed record DownloadResult(long Length, long ResumedFrom, int Attempts);
