using System.Management.Automation;
using System.Reflection;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;
using Xunit;

namespace AcsTeamsSecurity.Tests.Architecture
{
    /// <summary>
    /// PowerShell conventions users and PSScriptAnalyzer expect of a Gallery module: approved verbs, singular
    /// nouns, one name per concept across cmdlets, ShouldProcess and -Force where they belong, [OutputType]
    /// everywhere, and Get/Set (or Export/Test) pairs that can be piped into each other.
    /// </summary>
    public class ConventionsTests
    {
        private static readonly Assembly Module = typeof(AcsTeamsCmdlet).Assembly;

        /// <summary>Verbs whose cmdlets change something outside the session (tenant, file, registry of environments).</summary>
        private static readonly string[] StateChangingVerbs =
        {
            VerbsCommon.Add, VerbsCommon.Clear, VerbsCommon.New, VerbsCommon.Remove, VerbsCommon.Rename, VerbsCommon.Reset, VerbsCommon.Set,
            VerbsData.Export, VerbsData.Import, VerbsData.Publish, VerbsData.Restore, VerbsData.Update, VerbsData.Save,
            VerbsLifecycle.Disable, VerbsLifecycle.Enable, VerbsLifecycle.Install, VerbsLifecycle.Register, VerbsLifecycle.Start, VerbsLifecycle.Stop, VerbsLifecycle.Uninstall, VerbsLifecycle.Unregister,
            VerbsSecurity.Grant, VerbsSecurity.Revoke, VerbsSecurity.Block, VerbsSecurity.Unblock,
        };

        /// <summary>Names that must not be a parameter's own name: the concept already has a name in this module.</summary>
        private static readonly Dictionary<string, string> Synonyms = new(StringComparer.OrdinalIgnoreCase)
        {
            ["UserPrincipalName"] = "-Organizer or -User (with UserPrincipalName as an alias)",
            ["Upn"] = "-Organizer or -User",
            ["UserId"] = "-Organizer or -User (with UserId as an alias)",
            ["OrganizerId"] = "-Organizer",
            ["PolicyName"] = "-Identity (with PolicyName as an alias)",
            ["PolicyIdentity"] = "-Identity",
            ["PassThrough"] = "-PassThru",
            ["NoConfirm"] = "-Force",
            ["Yes"] = "-Force",
            ["Connection"] = "-Context",
            ["Session"] = "-Context",
            ["Tenant"] = "-TenantId (Tenant is its alias)",
            ["RuleIds"] = "-RuleId",
        };

        /// <summary>Shared names with different types on purpose: each cmdlet's noun says which scope it means.</summary>
        private static readonly string[] NamesWithSeveralTypes =
        {
            "Scope", // New-AcsGuestToken: ACS token scopes (ValidateSet); Set-LobbyBypass: Graph lobby bypass scope (enum)
            "InputObject", // PowerShell's name for "the piped object": each cmdlet takes its own model
        };

        private static IEnumerable<(Type Type, CmdletAttribute Cmdlet)> Cmdlets() =>
            Module.GetExportedTypes().Select(t => (t, t.GetCustomAttribute<CmdletAttribute>()!)).Where(c => c.Item2 is not null).OrderBy(c => c.Item2.NounName);

        private static string Name(CmdletAttribute c) => c.VerbName + "-" + c.NounName;

        private static IEnumerable<PropertyInfo> Parameters(Type cmdlet) =>
            cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetCustomAttributes<ParameterAttribute>().Any());

        private static string[] Aliases(PropertyInfo p) => p.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames).ToArray();

        private static Type Element(Type t)
        {
            t = Nullable.GetUnderlyingType(t) ?? t;
            return t.IsArray ? t.GetElementType()! : t;
        }

        public static IEnumerable<object[]> CmdletNames() => Cmdlets().Select(c => new object[] { Name(c.Cmdlet) });

        private static Type Cmdlet(string name) => Cmdlets().Single(c => Name(c.Cmdlet) == name).Type;

        [Fact]
        public void VerbsAreApproved()
        {
            var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
                .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
                .Select(f => (string)f.GetValue(null)!)
                .ToHashSet(StringComparer.Ordinal);
            var bad = Cmdlets().Where(c => !approved.Contains(c.Cmdlet.VerbName)).Select(c => Name(c.Cmdlet)).ToList();
            Assert.True(bad.Count == 0, "Unapproved verbs: " + string.Join(", ", bad));
        }

        [Fact]
        public void NounsAreSingular()
        {
            // The last word of the noun is not a plural: it may end in "ss" (Access, Bypass) but not in a bare "s".
            var bad = Cmdlets().Where(c =>
            {
                var noun = c.Cmdlet.NounName;
                return noun.EndsWith("s", StringComparison.Ordinal) && !noun.EndsWith("ss", StringComparison.Ordinal);
            }).Select(c => Name(c.Cmdlet)).ToList();
            Assert.True(bad.Count == 0, "Plural nouns: " + string.Join(", ", bad));
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void OutputTypeIsDeclaredAndIsOurs(string cmdlet)
        {
            var outputs = Cmdlet(cmdlet).GetCustomAttributes<OutputTypeAttribute>().SelectMany(a => a.Type).Select(t => t.Type).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, t => Assert.True(t == typeof(void) || t == typeof(string) || (t is not null && t.Assembly == Module && t.IsPublic), $"{cmdlet} declares [OutputType({t})]"));
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void ChangesAreGuardedByShouldProcessAndForceFollowsTheRules(string cmdlet)
        {
            var type = Cmdlet(cmdlet);
            var attribute = type.GetCustomAttribute<CmdletAttribute>()!;
            var parameters = Parameters(type).Select(p => p.Name).ToList();

            // Connect- and Disconnect-AcsTeamsSecurity change only this session's memory, like Connect-MgGraph.
            if (StateChangingVerbs.Contains(attribute.VerbName, StringComparer.Ordinal))
            {
                Assert.True(attribute.SupportsShouldProcess, $"{cmdlet} changes state and must support -WhatIf/-Confirm");
            }

            if (attribute.ConfirmImpact == ConfirmImpact.High)
            {
                Assert.True(parameters.Contains("Force"), $"{cmdlet} is ConfirmImpact High and needs -Force for scripts");
            }

            if (parameters.Contains("Force"))
            {
                Assert.True(attribute.SupportsShouldProcess, $"{cmdlet} has -Force, which only makes sense next to ShouldProcess");
                Assert.Equal(typeof(SwitchParameter), type.GetProperty("Force")!.PropertyType);
            }

            if (parameters.Contains("PassThru"))
            {
                Assert.Equal(typeof(SwitchParameter), type.GetProperty("PassThru")!.PropertyType);
            }
        }

        [Fact]
        public void EveryCmdletThatLoosensSecurityHasForce()
        {
            // The Set-*, Grant-* and Restore-* cmdlets ask a second time when a change loosens security (Policy/ChangeImpact).
            foreach (var name in new[] { "Set-ExternalUserPolicy", "Set-LobbyBypass", "Set-AcsFederationConfiguration", "Set-MeetingExternalAccess", "Grant-ExternalUserPolicy", "Restore-ExternalUserConfiguration" })
            {
                Assert.NotNull(Cmdlet(name).GetProperty("Force"));
            }
        }

        [Fact]
        public void ParameterNamesMeanOneThingAcrossTheModule()
        {
            var problems = new List<string>();
            var all = Cmdlets().SelectMany(c => Parameters(c.Type).Select(p => (Cmdlet: Name(c.Cmdlet), Param: p))).ToList();

            foreach (var group in all.GroupBy(x => x.Param.Name, StringComparer.OrdinalIgnoreCase))
            {
                var spellings = group.Select(x => x.Param.Name).Distinct(StringComparer.Ordinal).ToList();
                if (spellings.Count > 1)
                {
                    problems.Add($"-{group.Key} is spelled {string.Join(" / ", spellings)}");
                }

                var types = group.Select(x => Element(x.Param.PropertyType)).Distinct().ToList();
                if (types.Count > 1 && !NamesWithSeveralTypes.Contains(group.Key, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"-{group.Key} has types {string.Join(", ", types.Select(t => t.Name))} in {string.Join(", ", group.Select(x => x.Cmdlet))}");
                }
            }

            foreach (var (cmdlet, param) in all)
            {
                if (Synonyms.TryGetValue(param.Name, out var use))
                {
                    problems.Add($"{cmdlet} -{param.Name}: use {use}");
                }

                // A user is named by role (-Organizer, -User) and accepts what users have: a UPN or an object id.
                if (param.Name is "Organizer" or "User")
                {
                    var aliases = Aliases(param);
                    if (!aliases.Contains("UserPrincipalName") || !aliases.Contains("UserId"))
                    {
                        problems.Add($"{cmdlet} -{param.Name} needs the aliases UserPrincipalName and UserId");
                    }
                }

                // -Name names environments only; everything in a tenant has an -Identity (or a typed id).
                if (param.Name == "Name" && !cmdlet.EndsWith("-AcsTeamsEnvironment", StringComparison.Ordinal))
                {
                    problems.Add($"{cmdlet} -Name: tenant objects are named with -Identity");
                }

                // The fleet cmdlets take several contexts (one tenant each); everything else takes one.
                if (param.Name == "Context" && param.PropertyType != typeof(AcsTeamsSecurityContext)
                    && !(param.PropertyType == typeof(AcsTeamsSecurityContext[]) && (cmdlet == "Test-ExternalUserSecurity" || cmdlet == "Export-ExternalUserConfiguration")))
                {
                    problems.Add($"{cmdlet} -Context is a {param.PropertyType.Name}");
                }
            }

            // A snapshot file is -Path (alias SnapshotPath) or -SnapshotPath (alias Path): both names work everywhere.
            foreach (var name in new[] { "Restore-ExternalUserConfiguration", "Test-ExternalUserSecurity" })
            {
                var names = Parameters(Cmdlet(name)).SelectMany(p => Aliases(p).Append(p.Name)).ToList();
                if (!names.Contains("Path") || !names.Contains("SnapshotPath"))
                {
                    problems.Add($"{name} must accept both -Path and -SnapshotPath for the snapshot file");
                }
            }

            // Every cmdlet that talks to a tenant takes -Context.
            problems.AddRange(Cmdlets().Where(c => typeof(ConnectedCmdlet).IsAssignableFrom(c.Type) && !c.Type.GetProperties().Any(p => p.Name == "Context")).Select(c => $"{Name(c.Cmdlet)} lacks -Context"));
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        /// <summary>Cmdlet pairs users pipe: the first one's output must feed the second without naming parameters.</summary>
        public static IEnumerable<object[]> PipelinePairs() => new[]
        {
            new object[] { "Get-ExternalUserPolicy", "Set-ExternalUserPolicy" },
            new object[] { "Get-ExternalUserPolicy", "Set-LobbyBypass" },
            new object[] { "Get-ExternalUserPolicy", "Get-ExternalUserPolicy" },
            new object[] { "Get-MeetingExternalAccess", "Set-MeetingExternalAccess" },
            new object[] { "Get-MeetingExternalAccess", "Set-LobbyBypass" },
            new object[] { "Export-ExternalUserConfiguration", "Test-ExternalUserSecurity" },
            new object[] { "Export-ExternalUserConfiguration", "Restore-ExternalUserConfiguration" },
            new object[] { "Test-ExternalUserSecurity", "Get-ExternalUserSecurityRule" },
            new object[] { "Get-AcsTeamsEnvironment", "Remove-AcsTeamsEnvironment" },
            new object[] { "New-AcsIdentity", "New-AcsGuestToken" },
            new object[] { "New-AcsIdentity", "Revoke-AcsToken" },
            new object[] { "New-AcsIdentity", "Remove-AcsIdentity" },
            new object[] { "New-AcsGuestToken", "ConvertFrom-AcsToken" },
            new object[] { "New-AcsGuestToken", "Revoke-AcsToken" },
            new object[] { "Get-AcsTeamsSecurityContext", "Disconnect-AcsTeamsSecurity" },
        };

        [Theory]
        [MemberData(nameof(PipelinePairs))]
        public void TheFirstCmdletsOutputBindsEveryMandatoryParameterOfTheSecond(string producer, string consumer)
        {
            // Fleet rows (Test-ExternalUserSecurity with several tenants) summarise tenants; they are not findings to pipe on.
            var outputs = Cmdlet(producer).GetCustomAttributes<OutputTypeAttribute>().SelectMany(a => a.Type).Select(t => t.Type!).Where(t => t != typeof(void) && t != typeof(ExternalUserFleetTenant)).ToList();
            Assert.NotEmpty(outputs);
            var parameters = Parameters(Cmdlet(consumer)).ToList();
            var sets = parameters.SelectMany(p => p.GetCustomAttributes<ParameterAttribute>()).Select(a => a.ParameterSetName).Where(n => n != ParameterAttribute.AllParameterSets).Distinct().ToList();
            if (sets.Count == 0)
            {
                sets.Add(ParameterAttribute.AllParameterSets);
            }

            foreach (var output in outputs)
            {
                var reasons = new List<string>();
                var works = sets.Any(set =>
                {
                    var inSet = parameters
                        .Select(p => (Param: p, Attr: p.GetCustomAttributes<ParameterAttribute>().FirstOrDefault(a => a.ParameterSetName == set) ?? p.GetCustomAttributes<ParameterAttribute>().FirstOrDefault(a => a.ParameterSetName == ParameterAttribute.AllParameterSets)))
                        .Where(x => x.Attr is not null)
                        .ToList();
                    var bindable = inSet.Where(x => Binds(x.Param, x.Attr!, output)).Select(x => x.Param.Name).ToList();
                    var unbound = inSet.Where(x => x.Attr!.Mandatory && !bindable.Contains(x.Param.Name)).Select(x => x.Param.Name).ToList();
                    if (bindable.Count == 0 || unbound.Count > 0)
                    {
                        reasons.Add($"set {set}: {(bindable.Count == 0 ? "nothing binds" : "mandatory " + string.Join(", ", unbound) + " cannot bind")}");
                        return false;
                    }

                    return true;
                });
                Assert.True(works, $"{producer} | {consumer}: a {output.Name} binds in no parameter set ({string.Join("; ", reasons)})");
            }
        }

        [Fact]
        public void TheBindingCheckCanFailAndTheTenantGatesAreNotAPipe()
        {
            // The tenant-wide ACS federation configuration has no identity to pipe: Set-AcsFederationConfiguration
            // takes no pipeline input (a piped baseline would need a lost-update check across two service types).
            var set = Parameters(Cmdlet("Set-AcsFederationConfiguration")).ToList();
            Assert.DoesNotContain(set, p => p.GetCustomAttributes<ParameterAttribute>().Any(a => Binds(p, a, typeof(Models.AcsFederationConfiguration))));
            var identity = Cmdlet("Set-ExternalUserPolicy").GetProperty("Identity")!;
            Assert.False(Binds(identity, identity.GetCustomAttribute<ParameterAttribute>()!, typeof(Models.AcsIdentity)));
        }

        private static bool Binds(PropertyInfo parameter, ParameterAttribute attribute, Type input)
        {
            var target = Element(parameter.PropertyType);
            if (attribute.ValueFromPipeline && (target == typeof(object) || target.IsAssignableFrom(input)))
            {
                return true;
            }

            if (!attribute.ValueFromPipelineByPropertyName)
            {
                return false;
            }

            var names = Aliases(parameter).Append(parameter.Name);
            return input.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => names.Contains(p.Name, StringComparer.OrdinalIgnoreCase));
        }
    }
}
