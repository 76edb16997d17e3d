namespace Faros.Registry.Packages;

/// <summary>Why an uploaded package was refused, worded for the publisher: what is wrong and how to fix it.</summary>
public sealed record PackageDefect(string Message);
