using Dapper;
using Faros.Registry.Feed;
using Npgsql;

namespace Faros.Registry.Metadata.PostgreSql;

/// <summary>Broadcasts feed changes with NOTIFY; every instance LISTENs (see <see cref="PostgreSqlFeedChangeListener"/>).</summary>
public sealed class PostgreSqlFeedChangeBroadcaster(NpgsqlDataSource dataSource, ILogger<PostgreSqlFeedChangeBroadcaster> logger) : IFeedChangeBroadcaster
{
    public const string Channel = "faros_feed_changes";

    public async Task BroadcastAsync(string message)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await connection.ExecuteAsync("SELECT pg_notify(@Channel, @message)", new { Channel, message });
        }
        catch (NpgsqlException exception)
        {
            // The change itself is committed; other instances catch up when their listener reconnects and flushes.
            logger.LogWarning(exception, "Could not tell other registry instances about change {Change}", message);
        }
    }
}
