namespace Faros.Samples.DockerRuntime;

/// <summary>The engine's answer to GET /version.</summary>
public sealed record EngineVersion(string Version, string ApiVersion);
