namespace Faros.Cli.Infrastructure;

/// <summary>The process exit codes, stable so that scripts can branch on them (documented in docs/cli.md).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Anything not covered below.</summary>
    public const int Error = 1;

    /// <summary>The command line itself is wrong: unknown command or option, missing or malformed value.</summary>
    public const int Usage = 2;

    public const int NotFound = 3;

    /// <summary>A wait (--timeout) ran out before the resource reached the state asked for.</summary>
    public const int Timeout = 4;

    /// <summary>The hub rejected the credentials (401) or the user may not do this (403).</summary>
    public const int Unauthorized = 5;

    /// <summary>The hub (Kubernetes API server) or the registry could not be reached at all.</summary>
    public const int Unreachable = 6;

    /// <summary>The resource exists already, or changed underneath us.</summary>
    public const int Conflict = 7;

    /// <summary>Interrupted by Ctrl+C.</summary>
    public const int Interrupted = 130;
}
