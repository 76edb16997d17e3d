using System.Reflection;
using System.Text;

namespace Faros.Sdk.Tests.ApiCompatibility;

/// <summary>
/// A stable, line-per-member text listing of an assembly's public surface (public and protected members of
/// public types), sorted, so a diff against the checked-in baseline shows exactly what was added or removed.
/// A changed signature shows up as one removed line plus one added line.
/// </summary>
internal static class PublicApiListing
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<string> Of(Assembly assembly) =>
        assembly.GetExportedTypes()
            .Where(t => !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            .SelectMany(Describe)
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static IEnumerable<string> Describe(Type type)
    {
        var name = TypeName(type);
        yield return $"{name} : {TypeKind(type)}{BaseList(type)}";
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return $"{name}.{field.Name} = {Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}";
            }

            yield break;
        }

        foreach (var member in type.GetMembers(Declared).Where(IsVisible))
        {
            if (Describe(member) is { } description)
            {
                yield return $"{name}::{description}";
            }
        }
    }

    private static string? Describe(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"{Access(c)} .ctor({Parameters(c)})",
        MethodInfo m when m.IsSpecialName => null, // Property and event accessors are listed with their property/event.
        MethodInfo m => $"{Access(m)}{Modifiers(m)} {TypeName(m.ReturnType)} {m.Name}{GenericArguments(m)}({Parameters(m)})",
        PropertyInfo p => $"{Access(p.GetMethod ?? p.SetMethod!)}{Modifiers(p.GetMethod ?? p.SetMethod!)} {TypeName(p.PropertyType)} {p.Name} {{ {Accessors(p)} }}",
        FieldInfo f => $"{Access(f)}{(f.IsLiteral ? " const" : f.IsStatic ? " static" : "")}{(f.IsInitOnly ? " readonly" : "")} {TypeName(f.FieldType)} {f.Name}{(f.IsLiteral ? $" = {f.GetRawConstantValue()}" : "")}",
        EventInfo e => $"event {TypeName(e.EventHandlerType!)} {e.Name}",
        Type => null, // Nested types are listed on their own.
        _ => null,
    };

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        PropertyInfo p => new[] { p.GetMethod, p.SetMethod }.Any(a => a is not null && (a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly)),
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        EventInfo e => e.AddMethod is { } add && (add.IsPublic || add.IsFamily),
        _ => false,
    };

    private static string Access(MethodBase m) => m.IsPublic ? "public" : "protected";

    private static string Access(FieldInfo f) => f.IsPublic ? "public" : "protected";

    private static string Modifiers(MethodInfo m) =>
        (m.IsStatic ? " static" : "") + (m.IsAbstract ? " abstract" : m.IsVirtual && !m.IsFinal && m.GetBaseDefinition() == m ? " virtual" : m.GetBaseDefinition() != m ? " override" : "");

    private static string Accessors(PropertyInfo p)
    {
        var parts = new List<string>();
        if (p.GetMethod is { } get && (get.IsPublic || get.IsFamily))
        {
            parts.Add("get;");
        }

        if (p.SetMethod is { } set && (set.IsPublic || set.IsFamily))
        {
            var isInit = set.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
            parts.Add(isInit ? "init;" : "set;");
        }

        return string.Join(" ", parts);
    }

    private static string Parameters(MethodBase m) =>
        string.Join(", ", m.GetParameters().Select(p => (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "") + TypeName(p.ParameterType) + " " + p.Name + (p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")));

    private static string GenericArguments(MethodInfo m) =>
        m.IsGenericMethodDefinition ? "<" + string.Join(", ", m.GetGenericArguments().Select(Constraint)) + ">" : "";

    private static string Constraint(Type parameter)
    {
        var constraints = parameter.GetGenericParameterConstraints().Select(TypeName).ToList();
        var attributes = parameter.GenericParameterAttributes;
        if (attributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint))
        {
            constraints.Insert(0, "class");
        }

        if (attributes.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint) && !attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint))
        {
            constraints.Add("new()");
        }

        return constraints.Count == 0 ? parameter.Name : $"{parameter.Name} : {string.Join(", ", constraints)}";
    }

    private static string TypeKind(Type type) =>
        type.IsInterface ? "interface"
        : type.IsEnum ? "enum"
        : type.IsValueType ? "struct"
        : type.IsAbstract && type.IsSealed ? "static class"
        : type.IsAbstract ? "abstract class"
        : type.IsSealed ? "sealed class"
        : "class";

    private static string BaseList(Type type)
    {
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum))
        {
            bases.Add(TypeName(b));
        }

        bases.AddRange(type.GetInterfaces()
            .Where(i => i.IsPublic || i.IsNestedPublic)
            .Select(TypeName)
            .Order(StringComparer.Ordinal));

        if (type.IsGenericTypeDefinition)
        {
            bases.AddRange(type.GetGenericArguments().Where(a => a.GetGenericParameterConstraints().Length > 0 || a.GenericParameterAttributes != GenericParameterAttributes.None).Select(a => "where " + Constraint(a)));
        }

        return bases.Count == 0 ? "" : ", " + string.Join(", ", bases);
    }

    private static string TypeName(Type type)
    {
        if (type.IsByRef)
        {
            return TypeName(type.GetElementType()!);
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying) + "?";
        }

        var name = new StringBuilder(type.IsNested ? TypeName(type.DeclaringType!) + "+" + type.Name : $"{type.Namespace}.{type.Name}");
        if (type.IsGenericType)
        {
            var tick = name.ToString().LastIndexOf('`');
            if (tick >= 0)
            {
                name.Length = tick;
            }

            name.Append('<').Append(string.Join(", ", type.GetGenericArguments().Select(TypeName))).Append('>');
        }

        return name.ToString();
    }
}
