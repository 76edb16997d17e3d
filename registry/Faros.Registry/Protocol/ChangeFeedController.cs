using System.Globalization;
using Faros.Registry.Feed;
using Microsoft.AspNetCore.Mvc;

namespace Faros.Registry.Protocol;

/// <summary>
/// FarosPackageChanges/1.0.0: GET v3/changes?cursor=&amp;wait= answers the lower-case ids changed after the
/// cursor (push, listing, deprecation, signature, delete) and the next cursor; with wait, holds the request
/// until a change or the wait ends. Without a cursor it answers where the feed is now.
/// </summary>
[ApiController]
[Route("v3/changes")]
public sealed class ChangeFeedController(PackageChangeFeed feed) : ControllerBase
{
    [HttpGet]
    public async Task<IActionResult> Get(CancellationToken cancellationToken)
    {
        var waitText = Request.Query["wait"].ToString();
        var wait = TimeSpan.Zero;
        if (waitText.Length > 0)
        {
            if (!int.TryParse(waitText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return new ProblemResult(StatusCodes.Status400BadRequest,
                    $"wait '{waitText}' is not a whole number of seconds; use e.g. wait=25 (at most {PackageChangeFeed.MaxWait.TotalSeconds:0} is used).");
            }

            wait = TimeSpan.FromSeconds(Math.Min(seconds, PackageChangeFeed.MaxWait.TotalSeconds));
        }

        var cursorText = Request.Query["cursor"].ToString();
        ChangeFeedPage page;
        if (cursorText.Length == 0)
        {
            page = await feed.CurrentAsync(cancellationToken);
        }
        else if (!ChangeCursor.TryParse(cursorText, out var cursor, out var error))
        {
            return new ProblemResult(StatusCodes.Status400BadRequest, error!);
        }
        else
        {
            page = await feed.ReadAsync(cursor, wait, cancellationToken);
        }

        return new DocumentResult(CachedDocument.FromJson(json =>
        {
            json.WriteStartObject();
            json.WriteString("cursor", page.Cursor.ToString());
            json.WriteStartArray("ids");
            foreach (var id in page.Ids)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
            json.WriteBoolean("reset", page.Reset);
            json.WriteEndObject();
        }), "no-store");
    }
}
