using System.Reflection;
using System.Reflection.Emit;
using AcsTeamsSecurity.Cmdlets;
using Xunit;

namespace AcsTeamsSecurity.Tests.Architecture
{
    /// <summary>
    /// Issue 15: dependencies point one way, down the layers of docs/ARCHITECTURE.md. The test reads the compiled module —
    /// signatures, base types, attributes and every type, method and field token in every method body (lambdas, iterators
    /// and async state machines count for the type that declares them) — so a fully qualified name or a
    /// <c>using static</c> cannot hide an edge. A type may use its own layer and the layers below; a command never uses
    /// another command's type.
    /// </summary>
    public class LayerTests
    {
        private static readonly Assembly Module = typeof(AcsTeamsCmdlet).Assembly;

        /// <summary>Namespace prefix → layer; the longest prefix wins. Higher layers may use lower ones, never the reverse.</summary>
        internal static readonly (string Prefix, int Layer, string Name)[] Layers =
        {
            ("AcsTeamsSecurity.Models", 0, "Foundation"),
            ("AcsTeamsSecurity.Errors", 0, "Foundation"),
            ("AcsTeamsSecurity.Diagnostics", 0, "Foundation"),
            ("AcsTeamsSecurity.Security", 0, "Foundation"),
            ("AcsTeamsSecurity.IO", 0, "Foundation"),
            ("AcsTeamsSecurity.Isolation", 0, "Foundation"),
            ("AcsTeamsSecurity.Resources", 0, "Foundation"),
            ("AcsTeamsSecurity.Clients", 1, "Clients/Auth"),
            ("AcsTeamsSecurity.Auth", 1, "Clients/Auth"),
            ("AcsTeamsSecurity.Domain", 2, "Domain"),
            ("AcsTeamsSecurity.Audit", 3, "Audit"),
            ("AcsTeamsSecurity.Session", 4, "Session"),
            ("AcsTeamsSecurity.Cmdlets", 5, "Cmdlets"),
            ("AcsTeamsSecurity.Completers", 5, "Cmdlets"),
            ("AcsTeamsSecurity.Commands", 6, "Commands"),
            ("AcsTeamsSecurity", 6, "Module entry"),
        };

        [Fact]
        public void EveryNamespaceHasALayer()
        {
            var missing = ModuleTypes().Select(t => t.Namespace ?? "").Where(n => n.Length > 0 && LayerOf(n) is null).Distinct().ToList();
            Assert.True(missing.Count == 0, "Namespaces without a layer (add them to LayerTests.Layers and docs/ARCHITECTURE.md): " + string.Join(", ", missing));
        }

        [Fact]
        public void DependenciesPointOnlyDown()
        {
            var violations = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var type in ModuleTypes())
            {
                var from = LayerOf(Owner(type).Namespace ?? "");
                if (from is null)
                {
                    continue;
                }

                foreach (var used in References(type))
                {
                    var target = Owner(used);
                    if (target.Assembly != Module)
                    {
                        continue;
                    }

                    var to = LayerOf(target.Namespace ?? "");
                    if (to is not null && to.Value.Layer > from.Value.Layer)
                    {
                        violations.Add($"{Owner(type).FullName} ({from.Value.Name}) -> {target.FullName} ({to.Value.Name})");
                    }
                }
            }

            Assert.True(violations.Count == 0, "Edges that point up the layers:\n" + string.Join("\n", violations));
        }

        [Fact]
        public void CommandsDoNotUseEachOther()
        {
            var commands = ModuleTypes().Where(t => (t.Namespace ?? "").StartsWith("AcsTeamsSecurity.Commands", StringComparison.Ordinal)).Select(Owner).Distinct().ToHashSet();
            var violations = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var type in commands)
            {
                foreach (var used in References(type).Select(Owner).Where(commands.Contains))
                {
                    if (used != type && !IsPartOf(type, used))
                    {
                        violations.Add($"{type.FullName} -> {used.FullName}");
                    }
                }
            }

            Assert.True(violations.Count == 0, "A command uses another command's type; move the shared piece to Cmdlets/Binding, Cmdlets/Editing or Domain:\n" + string.Join("\n", violations));
        }

        [Fact]
        public void CommandsFolderHoldsOnlyCmdlets()
        {
            var notCmdlets = ModuleTypes().Select(Owner).Distinct()
                .Where(t => (t.Namespace ?? "").StartsWith("AcsTeamsSecurity.Commands", StringComparison.Ordinal) && t.GetCustomAttribute<System.Management.Automation.CmdletAttribute>() is null)
                .Select(t => t.FullName).ToList();
            Assert.True(notCmdlets.Count == 0, "Commands/ holds only cmdlets; these belong in Cmdlets/Binding, Cmdlets/Editing or Domain: " + string.Join(", ", notCmdlets));
        }

        [Fact]
        public void TheScanSeesRealEdges()
        {
            // Not vacuous: known downward edges are found, from a signature and from a method body.
            var connect = Module.GetType("AcsTeamsSecurity.Commands.Connection.ConnectAcsTeamsSecurityCommand", throwOnError: true)!;
            Assert.Contains(References(connect).Select(Owner), t => t.Namespace == "AcsTeamsSecurity.Session");
            var engine = Module.GetTypes().First(t => t.Namespace == "AcsTeamsSecurity.Audit.Rules" && t.Name == "AuditEngine");
            Assert.Contains(References(engine).Select(Owner), t => t.Namespace == "AcsTeamsSecurity.Domain");
            Assert.Equal(1, LayerOf("AcsTeamsSecurity.Clients.Transport")!.Value.Layer);
            Assert.Equal(6, LayerOf("AcsTeamsSecurity")!.Value.Layer);
            Assert.Null(LayerOf("AcsTeamsSecurityX"));
        }

        internal static (int Layer, string Name)? LayerOf(string ns)
        {
            foreach (var (prefix, layer, name) in Layers.OrderByDescending(l => l.Prefix.Length))
            {
                if (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal))
                {
                    return (layer, name);
                }
            }

            return null;
        }

        private static IEnumerable<Type> ModuleTypes() =>
            Module.GetTypes().Where(t => !t.Name.StartsWith("<", StringComparison.Ordinal) || t.DeclaringType is not null)
                .Where(t => t.Namespace is not null || t.DeclaringType is not null)
                .Where(t => !(t.Namespace ?? "").StartsWith("Microsoft.", StringComparison.Ordinal) && !(t.Namespace ?? "").StartsWith("System.", StringComparison.Ordinal));

        private static Type Owner(Type type)
        {
            while (type.IsArray || type.IsByRef || type.IsPointer)
            {
                type = type.GetElementType()!;
            }

            while (type.DeclaringType is not null)
            {
                type = type.DeclaringType;
            }

            return type.IsGenericType && !type.IsGenericTypeDefinition ? type.GetGenericTypeDefinition() : type;
        }

        private static bool IsPartOf(Type type, Type other) => type.FullName == other.FullName;

        /// <summary>Every type the given type names: its signatures, attributes, and the tokens in its method bodies.</summary>
        internal static IEnumerable<Type> References(Type type)
        {
            const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var found = new HashSet<Type>();
            void Add(Type? t)
            {
                if (t is null || t.IsGenericParameter || !found.Add(t))
                {
                    return;
                }

                if (t.HasElementType)
                {
                    Add(t.GetElementType());
                }

                if (t.IsGenericType)
                {
                    foreach (var a in t.GetGenericArguments())
                    {
                        Add(a);
                    }
                }
            }

            foreach (var t in new[] { type }.Concat(type.GetNestedTypes(All)).Concat(Nested(type)))
            {
                Add(t.BaseType);
                foreach (var i in t.GetInterfaces())
                {
                    Add(i);
                }

                foreach (var a in t.GetCustomAttributesData())
                {
                    Add(a.AttributeType);
                }

                foreach (var f in t.GetFields(All))
                {
                    Add(f.FieldType);
                }

                foreach (var p in t.GetProperties(All))
                {
                    Add(p.PropertyType);
                    foreach (var a in p.GetCustomAttributesData())
                    {
                        Add(a.AttributeType);
                        foreach (var arg in a.ConstructorArguments.Where(c => c.Value is Type))
                        {
                            Add((Type)arg.Value!);
                        }
                    }
                }

                foreach (var m in t.GetMethods(All).Cast<MethodBase>().Concat(t.GetConstructors(All)))
                {
                    if (m is MethodInfo mi)
                    {
                        Add(mi.ReturnType);
                    }

                    foreach (var p in m.GetParameters())
                    {
                        Add(p.ParameterType);
                    }

                    var body = m.GetMethodBody();
                    if (body is null)
                    {
                        continue;
                    }

                    foreach (var local in body.LocalVariables)
                    {
                        Add(local.LocalType);
                    }

                    foreach (var referenced in BodyReferences(t.Module, m, body.GetILAsByteArray() ?? Array.Empty<byte>()))
                    {
                        Add(referenced);
                    }
                }
            }

            return found;
        }

        private static IEnumerable<Type> Nested(Type type)
        {
            const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic;
            foreach (var n in type.GetNestedTypes(All))
            {
                yield return n;
                foreach (var deeper in Nested(n))
                {
                    yield return deeper;
                }
            }
        }

        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

        private static IEnumerable<Type> BodyReferences(Module module, MethodBase method, byte[] il)
        {
            var typeArgs = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
            var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
            var i = 0;
            while (i < il.Length)
            {
                short value = il[i++];
                if (value == 0xFE)
                {
                    value = (short)(0xFE00 | il[i++]);
                }

                var op = OpCodesByValue[value];
                switch (op.OperandType)
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        i += 1;
                        break;
                    case OperandType.InlineVar:
                        i += 2;
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        i += 8;
                        break;
                    case OperandType.InlineSwitch:
                        var count = BitConverter.ToInt32(il, i);
                        i += 4 + (4 * count);
                        break;
                    case OperandType.InlineType:
                    case OperandType.InlineTok:
                    case OperandType.InlineMethod:
                    case OperandType.InlineField:
                        var token = BitConverter.ToInt32(il, i);
                        i += 4;
                        MemberInfo? member = null;
                        try
                        {
                            member = module.ResolveMember(token, typeArgs, methodArgs);
                        }
                        catch (ArgumentException)
                        {
                        }

                        switch (member)
                        {
                            case Type t:
                                yield return t;
                                break;
                            case MethodBase mb:
                                if (mb.DeclaringType is not null)
                                {
                                    yield return mb.DeclaringType;
                                }

                                if (mb is MethodInfo rm)
                                {
                                    yield return rm.ReturnType;
                                    if (rm.IsGenericMethod)
                                    {
                                        foreach (var a in rm.GetGenericArguments())
                                        {
                                            yield return a;
                                        }
                                    }
                                }

                                break;
                            case FieldInfo f:
                                if (f.DeclaringType is not null)
                                {
                                    yield return f.DeclaringType;
                                }

                                yield return f.FieldType;
                                break;
                        }

                        break;
                    default:
                        i += 4;
                        break;
                }
            }
        }
    }
}
