using System.Text;

namespace Faros.Samples.WireGuard;

/// <summary>Renders a wg-quick configuration file from a Network spec.</summary>
public static class WireGuardConfigRenderer
{
    /// <summary>The wg-quick file contents (contains the private key).</summary>
    public static string Render(NetworkSpec spec)
    {
        var text = new StringBuilder();
        text.Append("# Written by the Faros WireGuard plugin; changes are overwritten.\n");
        text.Append("[Interface]\n");
        text.Append($"PrivateKey = {spec.Config.PrivateKey}\n");
        if (spec.Addresses.Count > 0)
        {
            text.Append($"Address = {string.Join(", ", spec.Addresses)}\n");
        }

        if (spec.Config.ListenPort is { } port)
        {
            text.Append($"ListenPort = {port}\n");
        }

        foreach (var peer in spec.Config.Peers)
        {
            text.Append("\n[Peer]\n");
            text.Append($"PublicKey = {peer.PublicKey}\n");
            if (peer.AllowedIps.Count > 0)
            {
                text.Append($"AllowedIPs = {string.Join(", ", peer.AllowedIps)}\n");
            }

            if (!string.IsNullOrEmpty(peer.Endpoint))
            {
                text.Append($"Endpoint = {peer.Endpoint}\n");
            }

            if (peer.PersistentKeepalive is { } keepalive)
            {
                text.Append($"PersistentKeepalive = {keepalive}\n");
            }
        }

        return text.ToString();
    }
}
