namespace Faros.Marketplace.Registry;

/// <summary>A small binary file served by the registry (an icon), with its media type.</summary>
public sealed record RegistryBlob(byte[] Content, string ContentType);
