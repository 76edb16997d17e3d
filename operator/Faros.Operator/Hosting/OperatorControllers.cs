using Microsoft.Extensions.Hosting;

namespace Faros.Operator.Hosting;

/// <summary>The built-in controllers the operator runs.</summary>
public static class OperatorControllers
{
    public static void Register(HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
    }
}
