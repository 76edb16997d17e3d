using System.Net;
using System.Net.Sockets;

namespace Faros.Testing;

/// <summary>
/// Asks the OS for an unused loopback port. There is a small window in which another process can
/// take it before the server binds, so callers that start servers retry on "address in use".
/// </summary>
public static class FreeTcpPort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
