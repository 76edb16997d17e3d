using System.Security.Cryptography;

namespace Faros.Samples.WireGuard.Tests;

/// <summary>Fresh random keys in WireGuard's format (base64 of 32 bytes).</summary>
internal static class TestKeys
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
