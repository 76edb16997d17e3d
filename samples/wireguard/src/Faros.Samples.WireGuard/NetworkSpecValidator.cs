using System.Net;
using System.Text.RegularExpressions;

namespace Faros.Samples.WireGuard;

/// <summary>
/// Checks a wireguard Network spec before anything is written. Messages never include key material,
/// because they end up in status and logs.
/// </summary>
public static partial class NetworkSpecValidator
{
    /// <summary>The first problem found, or null when the spec is usable.</summary>
    public static string? FindProblem(NetworkSpec spec, string interfaceName)
    {
        if (!IsWireGuardKey(spec.Config.PrivateKey))
        {
            return "config.privateKey is missing or is not a base64-encoded 32-byte WireGuard key.";
        }

        if (!InterfaceNamePattern().IsMatch(interfaceName))
        {
            return $"Interface name '{interfaceName}' must be 1-15 characters of letters, digits, '_', '-', '.'.";
        }

        if (spec.Config.ListenPort is < 1 or > 65535)
        {
            return $"config.listenPort {spec.Config.ListenPort} is outside 1-65535.";
        }

        foreach (var address in spec.Addresses)
        {
            if (!IPNetwork.TryParse(address, out _) && !IPAddress.TryParse(address, out _))
            {
                return $"Address '{address}' is not an IP address or CIDR.";
            }
        }

        for (var i = 0; i < spec.Config.Peers.Count; i++)
        {
            var peer = spec.Config.Peers[i];
            if (!IsWireGuardKey(peer.PublicKey))
            {
                return $"config.peers[{i}].publicKey is not a base64-encoded 32-byte WireGuard key.";
            }

            // Guards the rendered file against line injection through peer fields.
            if (peer.AllowedIps.Any(ip => !IPNetwork.TryParse(ip, out _)))
            {
                return $"config.peers[{i}].allowedIPs holds something that is not a CIDR.";
            }

            if (peer.Endpoint is { } endpoint && !EndpointPattern().IsMatch(endpoint))
            {
                return $"config.peers[{i}].endpoint '{endpoint}' is not host:port.";
            }
        }

        return null;
    }

    private static bool IsWireGuardKey(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length != 44)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[33];
        return Convert.TryFromBase64String(key, bytes, out var written) && written == 32;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,15}$")]
    private static partial Regex InterfaceNamePattern();

    [GeneratedRegex(@"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.\-]+):[0-9]{1,5}$")]
    private static partial Regex EndpointPattern();
}
