using System.Reflection;
using k8s.Models;

namespace Faros.Sdk.Reconciliation;

/// <summary>The group, version, kind and plural of a custom resource type.</summary>
public sealed record ResourceKind(string Group, string Version, string Kind, string Plural)
{
    /// <summary><c>group/version</c>, the resource's apiVersion.</summary>
    public string ApiVersion => string.IsNullOrEmpty(Group) ? Version : $"{Group}/{Version}";

    /// <summary>Reads the kind from <typeparamref name="T"/>'s <see cref="KubernetesEntityAttribute"/>.</summary>
    /// <exception cref="InvalidOperationException">The type has no such attribute.</exception>
    public static ResourceKind Of<T>() => Of(typeof(T));

    /// <summary>Reads the kind from <paramref name="type"/>'s <see cref="KubernetesEntityAttribute"/>.</summary>
    /// <exception cref="InvalidOperationException">The type has no such attribute.</exception>
    public static ResourceKind Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{type.FullName} has no [KubernetesEntity] attribute naming its group, version and kind.");
        var plural = string.IsNullOrEmpty(entity.PluralName) ? entity.Kind.ToLowerInvariant() + "s" : entity.PluralName;
        return new ResourceKind(entity.Group ?? "", entity.ApiVersion, entity.Kind, plural);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind}.{ApiVersion}";
}
