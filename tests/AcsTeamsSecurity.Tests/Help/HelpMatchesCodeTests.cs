using System.Globalization;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.HelpBuilder.Model;
using AcsTeamsSecurity.HelpBuilder.Parsing;
using AcsTeamsSecurity.HelpBuilder.Validation;
using Xunit;
using PSParameterMetadata = System.Management.Automation.ParameterMetadata;

namespace AcsTeamsSecurity.Tests.Help
{
    /// <summary>
    /// Help is code (STYLE practice 12): every exported cmdlet has an <c>en-US/&lt;Verb-Noun&gt;.md</c> that
    /// HelpBuilder accepts, and the help agrees with the cmdlet's metadata: parameters, sets, per-set
    /// mandatory, types, pipeline binding, positions, aliases, wildcards, defaults, output types and the
    /// <see cref="RequiredPermissionAttribute"/> declarations. Each failure names the cmdlet and the mismatch.
    /// </summary>
    public class HelpMatchesCodeTests
    {
        private const string AllSets = ParameterHelp.AllParameterSets;

        private static readonly Assembly Module = typeof(AcsTeamsCmdlet).Assembly;

        private static readonly HashSet<string> CommonParameters = new(
            Cmdlet.CommonParameters.Concat(Cmdlet.OptionalCommonParameters), StringComparer.OrdinalIgnoreCase);

        private static readonly Lazy<string> RepoRoot = new(FindRepoRoot);

        private static string HelpFolder => Path.Combine(RepoRoot.Value, "en-US");

        /// <summary>Public, non-abstract cmdlet classes: what a binary module exports.</summary>
        private static readonly Lazy<Dictionary<string, Type>> Cmdlets = new(() =>
            Module.GetExportedTypes()
                .Where(t => !t.IsAbstract && typeof(Cmdlet).IsAssignableFrom(t))
                .Select(t => (Type: t, Attribute: t.GetCustomAttribute<CmdletAttribute>()))
                .Where(x => x.Attribute is not null)
                .ToDictionary(x => $"{x.Attribute!.VerbName}-{x.Attribute.NounName}", x => x.Type, StringComparer.OrdinalIgnoreCase));

        public static IEnumerable<object[]> CmdletNames() =>
            Cmdlets.Value.Keys.OrderBy(n => n, StringComparer.Ordinal).Select(n => new object[] { n });

        [Fact]
        public void TheModuleExportsCmdlets()
        {
            Assert.NotEmpty(Cmdlets.Value);
        }

        [Fact]
        public void EveryHelpFileDocumentsAnExistingCmdlet()
        {
            var stray = Directory.GetFiles(HelpFolder, "*.md")
                .Select(Path.GetFileNameWithoutExtension)
                .Where(name => !Cmdlets.Value.Keys.Contains(name!, StringComparer.Ordinal))
                .ToList();
            Assert.True(stray.Count == 0, $"en-US has help for cmdlets the module does not export: {string.Join(", ", stray)}");
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void HelpFileExistsAndHasNoProblems(string cmdlet)
        {
            var path = HelpPath(cmdlet);
            Assert.True(File.Exists(path), $"{cmdlet}: no help file {path}");
            var help = HelpParser.ParseFile(path);
            var problems = HelpValidator.Validate(help);
            Assert.True(problems.Count == 0, $"{cmdlet}: help problems:\n{string.Join('\n', problems)}");
            Assert.Equal(Module.GetName().Name + ".dll-Help.xml", help.ExternalHelpFile);
            Assert.Equal(Module.GetName().Name, help.Metadata.GetValueOrDefault("Module Name"));
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void ParametersMatchTheCode(string cmdlet)
        {
            var (type, metadata, help) = Load(cmdlet);
            var code = CodeParameters(type, metadata);
            var problems = new List<string>();

            var documented = help.Parameters.Select(p => p.Name).ToList();
            foreach (var missing in code.Keys.Where(n => help.FindParameter(n) is null))
            {
                problems.Add($"-{missing} is a parameter of the cmdlet but PARAMETERS does not document it");
            }

            foreach (var extra in documented.Where(n => !code.ContainsKey(n)))
            {
                problems.Add($"PARAMETERS documents -{extra}, which the cmdlet does not have");
            }

            var codeSets = CodeSetNames(metadata);
            foreach (var (name, parameter) in code)
            {
                if (help.FindParameter(name) is { } doc)
                {
                    CompareParameter(type, name, parameter, doc, codeSets, problems);
                }
            }

            Assert.True(problems.Count == 0, $"{cmdlet}: help and code disagree:\n- {string.Join("\n- ", problems)}");
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void SyntaxMatchesTheParameterSets(string cmdlet)
        {
            var (type, metadata, help) = Load(cmdlet);
            var code = CodeParameters(type, metadata);
            var codeSets = CodeSetNames(metadata);
            var problems = new List<string>();

            var helpSets = help.ParameterSetNames.ToList();
            var missingSets = codeSets.Except(helpSets, StringComparer.Ordinal).ToList();
            var extraSets = helpSets.Except(codeSets, StringComparer.Ordinal).ToList();
            if (missingSets.Count > 0)
            {
                problems.Add($"SYNTAX lacks parameter set(s) {string.Join(", ", missingSets.Select(Show))}");
            }

            if (extraSets.Count > 0)
            {
                problems.Add($"SYNTAX has parameter set(s) {string.Join(", ", extraSets.Select(Show))} that the cmdlet does not have");
            }

            var namedSets = !(codeSets.Count == 1 && codeSets[0] == AllSets);
            var expectedDefault = metadata.DefaultParameterSetName;
            var helpDefault = help.Syntax.Where(s => s.IsDefault).Select(s => s.ParameterSetName).FirstOrDefault();
            if (namedSets && !string.Equals(expectedDefault, helpDefault, StringComparison.Ordinal))
            {
                problems.Add($"the default parameter set is {Show(expectedDefault)} in code but {Show(helpDefault)} in SYNTAX");
            }

            foreach (var syntax in help.Syntax.Where(s => codeSets.Contains(s.ParameterSetName)))
            {
                var set = syntax.ParameterSetName;
                var inSet = code.Where(p => InSet(p.Value, set)).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
                var shown = syntax.Parameters.Select(p => p.Name).ToList();
                foreach (var name in inSet.Keys.Where(n => !shown.Contains(n, StringComparer.OrdinalIgnoreCase)))
                {
                    problems.Add($"the syntax of set {Show(set)} does not show -{name}");
                }

                foreach (var name in shown.Where(n => !inSet.ContainsKey(n)))
                {
                    problems.Add($"the syntax of set {Show(set)} shows -{name}, which is not in that set in code");
                }

                foreach (var shownParameter in syntax.Parameters.Where(p => inSet.ContainsKey(p.Name)))
                {
                    var setMetadata = SetMetadata(inSet[shownParameter.Name], set);
                    if (setMetadata.IsMandatory == shownParameter.Optional)
                    {
                        problems.Add($"the syntax of set {Show(set)} shows -{shownParameter.Name} as {(shownParameter.Optional ? "optional" : "required")}, but it is {(setMetadata.IsMandatory ? "mandatory" : "optional")} in code");
                    }

                    var positional = setMetadata.Position != int.MinValue;
                    var shownPositional = Regex.IsMatch(syntax.Text, @"\[-" + Regex.Escape(shownParameter.Name) + @"\]\s*<");
                    if (positional != shownPositional)
                    {
                        problems.Add($"the syntax of set {Show(set)} shows -{shownParameter.Name} as {(shownPositional ? "positional ([-Name] <Type>)" : "named")}, but it is {(positional ? "positional" : "named")} in code");
                    }
                }
            }

            Assert.True(problems.Count == 0, $"{cmdlet}: SYNTAX and code disagree:\n- {string.Join("\n- ", problems)}");
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void RequiredPermissionsNameEveryDeclaredPermission(string cmdlet)
        {
            var (type, _, help) = Load(cmdlet);
            Assert.True(help.RequiredPermissions.Count > 0, $"{cmdlet}: REQUIRED PERMISSIONS is empty");
            var text = string.Join("\n", help.RequiredPermissions);
            var missing = new List<string>();
            foreach (var declared in type.GetCustomAttributes<RequiredPermissionAttribute>())
            {
                foreach (var (kind, names) in new[] { ("application permission", declared.Application), ("delegated permission", declared.Delegated), ("role", declared.Roles) })
                {
                    foreach (var name in names)
                    {
                        var pattern = @"(?<![A-Za-z0-9.])" + Regex.Escape(name) + @"(?![A-Za-z0-9]|\.[A-Za-z0-9])";
                        if (!Regex.IsMatch(text, pattern))
                        {
                            missing.Add($"{declared.Service} {kind} '{name}'");
                        }
                    }
                }
            }

            Assert.True(missing.Count == 0, $"{cmdlet}: REQUIRED PERMISSIONS does not mention {string.Join(", ", missing)} declared by [RequiredPermission]");
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void ExamplesShowTheCmdlet(string cmdlet)
        {
            var (_, _, help) = Load(cmdlet);
            Assert.True(help.Examples.Count >= HelpValidator.MinimumExamples, $"{cmdlet}: {help.Examples.Count} example(s); at least {HelpValidator.MinimumExamples} are required");
            foreach (var example in help.Examples)
            {
                Assert.True(
                    example.Code.Contains(cmdlet, StringComparison.OrdinalIgnoreCase),
                    $"{cmdlet}: example '{example.Title}' does not use {cmdlet}");
            }
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void OutputsAndInputsMatchTheCode(string cmdlet)
        {
            var (type, metadata, help) = Load(cmdlet);
            var documented = help.Outputs.Select(o => o.TypeName).ToList();
            foreach (var output in type.GetCustomAttributes<OutputTypeAttribute>().SelectMany(a => a.Type))
            {
                var name = output.Type?.FullName ?? output.Name;
                Assert.True(documented.Contains(name, StringComparer.Ordinal), $"{cmdlet}: [OutputType] {name} is not under OUTPUTS (found: {string.Join(", ", documented)})");
            }

            var takesPipeline = CodeParameters(type, metadata).Values
                .SelectMany(p => p.ParameterSets.Values)
                .Any(s => s.ValueFromPipeline || s.ValueFromPipelineByPropertyName);
            var inputs = help.Inputs.Select(i => i.TypeName).ToList();
            if (takesPipeline)
            {
                Assert.True(inputs.Count > 0 && !inputs.Contains("None"), $"{cmdlet}: takes pipeline input but INPUTS does not say which");
            }
            else
            {
                Assert.True(inputs.All(i => i == "None"), $"{cmdlet}: takes no pipeline input but INPUTS lists {string.Join(", ", inputs)}");
            }
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void NotesNameOnlyRealErrorIds(string cmdlet)
        {
            var (_, _, help) = Load(cmdlet);
            var known = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral)
                .Select(f => (string)f.GetRawConstantValue()!)
                .ToHashSet(StringComparer.Ordinal);
            var listed = help.Notes
                .Select(n => Regex.Match(n, @"^- ([A-Z][A-Za-z]+): "))
                .Where(m => m.Success)
                .Select(m => m.Groups[1].Value)
                .ToList();
            Assert.True(listed.Count > 0, $"{cmdlet}: NOTES lists no error ids (write them as '- `ErrorId`: meaning')");
            var unknown = listed.Where(id => !known.Contains(id)).ToList();
            Assert.True(unknown.Count == 0, $"{cmdlet}: NOTES lists error ids that ErrorIds does not define: {string.Join(", ", unknown)}");
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void RelatedLinksPointToExistingHelp(string cmdlet)
        {
            var (_, _, help) = Load(cmdlet);
            Assert.True(help.RelatedLinks.Count > 0, $"{cmdlet}: RELATED LINKS is empty");
            foreach (var link in help.RelatedLinks.Where(l => l.Uri.Length > 0 && !l.Uri.Contains("://", StringComparison.Ordinal)))
            {
                Assert.True(File.Exists(Path.Combine(HelpFolder, link.Uri)), $"{cmdlet}: related link '{link.Text}' points to {link.Uri}, which is not in en-US");
            }
        }

        [Fact]
        public void AboutTopicCoversTheModule()
        {
            var path = Path.Combine(HelpFolder, "about_AcsTeamsSecurity.help.txt");
            Assert.True(File.Exists(path), $"missing {path}");
            var lines = File.ReadAllLines(path);
            Assert.Equal("TOPIC", lines[0]);
            Assert.Equal("    about_AcsTeamsSecurity", lines[1]);
            foreach (var heading in new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION", "SEE ALSO" })
            {
                Assert.True(lines.Contains(heading), $"about_AcsTeamsSecurity: no '{heading}' heading");
            }

            var tooLong = lines.Select((l, i) => (Line: i + 1, l.Length)).Where(x => x.Length >= 100).ToList();
            Assert.True(tooLong.Count == 0, $"about_AcsTeamsSecurity: lines of 100 characters or more: {string.Join(", ", tooLong.Select(x => $"{x.Line} ({x.Length})"))}");
            var text = string.Join("\n", lines);
            var unmentioned = Cmdlets.Value.Keys.Where(c => !text.Contains(c, StringComparison.Ordinal)).ToList();
            Assert.True(unmentioned.Count == 0, $"about_AcsTeamsSecurity does not mention {string.Join(", ", unmentioned)}");
        }

        private static void CompareParameter(Type type, string name, PSParameterMetadata code, ParameterHelp doc, IReadOnlyList<string> codeSets, List<string> problems)
        {
            var p = $"-{name}";
            if (!doc.HasMetadata)
            {
                problems.Add($"{p} has no yaml block");
                return;
            }

            var expectedType = TypeName(code.ParameterType);
            var documentedType = doc.IsSwitch ? nameof(SwitchParameter) : doc.Type;
            if (!string.Equals(expectedType, documentedType, StringComparison.Ordinal) &&
                !string.Equals(code.ParameterType.FullName, documentedType, StringComparison.Ordinal))
            {
                problems.Add($"{p} is {expectedType} in code but '{doc.Type}' in help");
            }

            // Sets: the help may write (All) only for a parameter that is in every set.
            var inAll = code.ParameterSets.ContainsKey(AllSets) || codeSets.All(s => code.ParameterSets.ContainsKey(s));
            if (doc.InAllParameterSets && !inAll)
            {
                problems.Add($"{p} is documented in (All) sets, but in code only in {string.Join(", ", code.ParameterSets.Keys)}");
            }

            if (!doc.InAllParameterSets)
            {
                foreach (var set in codeSets.Where(s => InSet(code, s) && !doc.IsInParameterSet(s)))
                {
                    problems.Add($"{p} is in set {Show(set)} in code, but its help 'Parameter Sets' do not name it");
                }

                foreach (var set in doc.ParameterSets.Where(s => !InSet(code, s)))
                {
                    problems.Add($"{p} names set {Show(set)} in help, but is not in it in code");
                }
            }

            var pipeline = PipelineInput.None;
            var positions = new HashSet<int>();
            foreach (var set in codeSets.Where(s => InSet(code, s)))
            {
                var metadata = SetMetadata(code, set);
                if (metadata.IsMandatory != doc.IsRequiredIn(set))
                {
                    problems.Add($"{p} is {(metadata.IsMandatory ? "mandatory" : "optional")} in set {Show(set)} in code, but help says Required: {doc.IsRequiredIn(set)}");
                }

                pipeline |= (metadata.ValueFromPipeline ? PipelineInput.ByValue : PipelineInput.None) |
                    (metadata.ValueFromPipelineByPropertyName ? PipelineInput.ByPropertyName : PipelineInput.None);
                positions.Add(metadata.Position);
            }

            if (pipeline != doc.PipelineInput)
            {
                problems.Add($"{p} takes pipeline input {pipeline} in code, but help says '{doc.PipelineInputText}'");
            }

            var expectedPosition = positions.Count == 1 && positions.Single() != int.MinValue
                ? positions.Single().ToString(CultureInfo.InvariantCulture)
                : "Named";
            if (positions.Count > 1)
            {
                problems.Add($"{p} has different positions per set in code ({string.Join(", ", positions)}); help has one Position");
            }
            else if (!string.Equals(expectedPosition, doc.Position, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{p} has position {expectedPosition} in code, but help says {doc.Position}");
            }

            var aliases = code.Aliases.OrderBy(a => a, StringComparer.OrdinalIgnoreCase).ToList();
            var documentedAliases = doc.Aliases.OrderBy(a => a, StringComparer.OrdinalIgnoreCase).ToList();
            if (!aliases.SequenceEqual(documentedAliases, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{p} has aliases [{string.Join(", ", aliases)}] in code, but help says [{string.Join(", ", documentedAliases)}]");
            }

            var wildcards = code.Attributes.OfType<SupportsWildcardsAttribute>().Any();
            if (wildcards != doc.AcceptsWildcards)
            {
                problems.Add($"{p} {(wildcards ? "supports" : "does not support")} wildcards in code, but help says 'Accept wildcard characters: {doc.AcceptsWildcards}'");
            }

            var accepted = AcceptedValues(code);
            if (!accepted.SequenceEqual(doc.AcceptedValues, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{p} accepts [{string.Join(", ", accepted)}] in code, but help says 'Accepted values: {string.Join(", ", doc.AcceptedValues)}'");
            }

            var defaults = ExpectedDefaults(type, name, code);
            var documentedDefault = doc.DefaultValue ?? "None";
            if (!defaults.Contains(documentedDefault, StringComparer.Ordinal))
            {
                problems.Add($"{p} defaults to {defaults[0]} in code, but help says 'Default value: {documentedDefault}'");
            }
        }

        /// <summary>The cmdlet's own parameters, plus WhatIf and Confirm (as PowerShell adds them) when it supports ShouldProcess.</summary>
        private static Dictionary<string, PSParameterMetadata> CodeParameters(Type type, CommandMetadata metadata)
        {
            var parameters = metadata.Parameters
                .Where(p => !CommonParameters.Contains(p.Key))
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            if (metadata.SupportsShouldProcess)
            {
                var withCommon = new CmdletInfo(metadata.Name, type).Parameters;
                parameters["WhatIf"] = withCommon["WhatIf"];
                parameters["Confirm"] = withCommon["Confirm"];
            }

            return parameters;
        }

        /// <summary>The cmdlet's parameter set names, or <c>__AllParameterSets</c> alone when it has no named set.</summary>
        private static List<string> CodeSetNames(CommandMetadata metadata)
        {
            var sets = metadata.Parameters.Values
                .SelectMany(p => p.ParameterSets.Keys)
                .Where(s => s != AllSets)
                .ToHashSet(StringComparer.Ordinal);
            if (sets.Count > 0 && !string.IsNullOrEmpty(metadata.DefaultParameterSetName) && metadata.DefaultParameterSetName != AllSets)
            {
                sets.Add(metadata.DefaultParameterSetName);
            }

            return sets.Count == 0 ? [AllSets] : [.. sets.OrderBy(s => s, StringComparer.Ordinal)];
        }

        private static bool InSet(PSParameterMetadata parameter, string set) =>
            parameter.ParameterSets.ContainsKey(set) || parameter.ParameterSets.ContainsKey(AllSets) || set == AllSets;

        private static ParameterSetMetadata SetMetadata(PSParameterMetadata parameter, string set) =>
            parameter.ParameterSets.TryGetValue(set, out var metadata) ? metadata :
            parameter.ParameterSets.TryGetValue(AllSets, out metadata) ? metadata :
            parameter.ParameterSets.Values.First();

        private static List<string> AcceptedValues(PSParameterMetadata parameter)
        {
            var validateSet = parameter.Attributes.OfType<ValidateSetAttribute>().FirstOrDefault();
            if (validateSet is not null)
            {
                return [.. validateSet.ValidValues];
            }

            var type = parameter.ParameterType.IsArray ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
            type = Nullable.GetUnderlyingType(type) ?? type;
            return type.IsEnum ? [.. Enum.GetNames(type)] : [];
        }

        /// <summary>What help may write as the default: the property's initial value, or None.</summary>
        private static List<string> ExpectedDefaults(Type type, string name, PSParameterMetadata parameter)
        {
            if (parameter.SwitchParameter)
            {
                return ["False", "None"];
            }

            // A property the cmdlet redeclares with `new` (the fleet cmdlets' -Context) hides the base one.
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                ?? type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            if (property is null)
            {
                return ["None"];
            }

            var instance = Activator.CreateInstance(type);
            try
            {
                var value = property.GetValue(instance);
                var text = value switch
                {
                    null => null,
                    string s => s,
                    System.Collections.IEnumerable items => string.Join(", ", items.Cast<object>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture))),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString(),
                };
                return string.IsNullOrEmpty(text) ? ["None"] : [text];
            }
            finally
            {
                (instance as IDisposable)?.Dispose();
            }
        }

        private static string TypeName(Type type)
        {
            if (type.IsArray)
            {
                return TypeName(type.GetElementType()!) + "[]";
            }

            return Nullable.GetUnderlyingType(type) is { } underlying ? underlying.Name : type.Name;
        }

        private static string Show(string? set) => set switch
        {
            null or "" => "(none)",
            AllSets => "(All)",
            _ => $"'{set}'",
        };

        private static (Type Type, CommandMetadata Metadata, CommandHelp Help) Load(string cmdlet)
        {
            var type = Cmdlets.Value[cmdlet];
            var path = HelpPath(cmdlet);
            Assert.True(File.Exists(path), $"{cmdlet}: no help file {path}");
            var help = HelpParser.ParseFile(path);
            Assert.True(help.Problems.Count == 0, $"{cmdlet}: help does not parse:\n{string.Join('\n', help.Problems)}");
            return (type, new CommandMetadata(type), help);
        }

        private static string HelpPath(string cmdlet) => Path.Combine(HelpFolder, cmdlet + ".md");

        private static string FindRepoRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "AcsTeamsSecurity.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains AcsTeamsSecurity.sln.");
        }
    }
}
