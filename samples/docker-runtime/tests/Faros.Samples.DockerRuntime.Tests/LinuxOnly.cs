// Devices run Linux, and these tests exercise Unix file modes and sockets.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
