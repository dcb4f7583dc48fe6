using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Resources;
using Xunit;

namespace AcsTeamsSecurity.Tests.Architecture
{
    /// <summary>
    /// Issue 15, strings as resources: every user-facing message lives in Resources/Strings.resx, once, and every error
    /// id has one factory (ErrorFactory) that fixes its category. What the source scan looks for is described on
    /// <see cref="MessageScanner"/>.
    /// </summary>
    public class ResourceStringTests
    {
        private static readonly string Src = Path.Combine(PublicSurfaceTests.RepoRoot(), "src", "AcsTeamsSecurity");

        private static readonly Lazy<IReadOnlyDictionary<string, string>> Resx = new Lazy<IReadOnlyDictionary<string, string>>(() =>
            XDocument.Load(Path.Combine(Src, "Resources", "Strings.resx")).Root!.Elements("data")
                .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal));

        private static IEnumerable<string> SourceFiles() =>
            Directory.GetFiles(Src, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        private static string Relative(string file) => Path.GetRelativePath(Src, file).Replace('\\', '/');

        [Fact]
        public void TheResxAndTheGeneratedAccessorHaveTheSameKeys()
        {
            var properties = typeof(Strings).GetProperties(BindingFlags.Static | BindingFlags.NonPublic).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var keys = Resx.Value.Keys.ToHashSet(StringComparer.Ordinal);
            var onlyInResx = keys.Except(properties).OrderBy(k => k, StringComparer.Ordinal).ToList();
            var onlyInCode = properties.Except(keys).OrderBy(k => k, StringComparer.Ordinal).ToList();
            Assert.True(onlyInResx.Count == 0 && onlyInCode.Count == 0, $"Run build/Update-Strings.ps1. Only in Strings.resx: {string.Join(", ", onlyInResx)}. Only in Strings.Designer.cs: {string.Join(", ", onlyInCode)}.");
        }

        [Fact]
        public void EveryKeyResolvesFromTheEmbeddedResourceToTheResxValue()
        {
            foreach (var property in typeof(Strings).GetProperties(BindingFlags.Static | BindingFlags.NonPublic))
            {
                Assert.Equal(Resx.Value[property.Name], (string)property.GetValue(null)!);
            }
        }

        [Fact]
        public void TheNeutralResourceServesOtherCulturesToo()
        {
            // No satellite assemblies ship: a German or Japanese session falls back to the neutral (en-US) text.
            var before = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
                Assert.Equal(Resx.Value[nameof(Strings.Text_DidYouMean)], Strings.Text_DidYouMean);
            }
            finally
            {
                CultureInfo.CurrentUICulture = before;
            }
        }

        [Fact]
        public void EveryKeyIsUsedInTheSource()
        {
            var code = string.Join("\n", SourceFiles().Where(f => !Relative(f).StartsWith("Resources/", StringComparison.Ordinal)).Select(File.ReadAllText));
            var unused = Resx.Value.Keys.Where(k => !Regex.IsMatch(code, @"\bStrings\." + Regex.Escape(k) + @"\b")).OrderBy(k => k, StringComparer.Ordinal).ToList();
            Assert.True(unused.Count == 0, "Keys in Strings.resx that no code uses (remove them and run build/Update-Strings.ps1): " + string.Join(", ", unused));
        }

        [Fact]
        public void EveryValueIsAFormatThatItsPlaceholdersFill()
        {
            var problems = new List<string>();
            foreach (var (key, value) in Resx.Value)
            {
                var holes = Regex.Matches(value, @"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
                var count = holes.Count == 0 ? 0 : holes.Max() + 1;
                if (holes.Distinct().Count() != count)
                {
                    problems.Add($"{key}: placeholders skip a number");
                }

                try
                {
                    _ = string.Format(CultureInfo.InvariantCulture, value, Enumerable.Repeat<object>("x", count).ToArray());
                }
                catch (FormatException ex)
                {
                    problems.Add($"{key}: {ex.Message}");
                }
            }

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void NoSentenceAppearsTwiceInTheResourceFile()
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            var twice = new List<string>();
            foreach (var (key, value) in Resx.Value.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                foreach (var sentence in Sentences(value))
                {
                    if (seen.TryGetValue(sentence, out var first))
                    {
                        twice.Add($"'{sentence}' in {first} and {key}");
                    }
                    else
                    {
                        seen[sentence] = key;
                    }
                }
            }

            Assert.True(twice.Count == 0, "Say it once and reuse the key:\n" + string.Join("\n", twice));
        }

        [Fact]
        public void TheSentenceCheckFindsARepeat()
        {
            Assert.Equal(new[] { "Nothing was changed here today." }, Sentences("{0} is wrong. Nothing was changed here today."));
            Assert.Empty(Sentences("Did you mean '{0}'?"));
        }

        /// <summary>The sentences of a value with at least five words of text (shorter ones, such as "Nothing was changed.", may well repeat).</summary>
        internal static IEnumerable<string> Sentences(string value) =>
            Regex.Split(value, @"(?<=[.!?])\s+")
                .Select(s => Regex.Replace(s.Trim(), @"\s+", " "))
                .Where(s => Regex.Count(Regex.Replace(s, @"\{\d+[^}]*\}", " "), @"[A-Za-z]{2,}") >= 5);

        [Fact]
        public void NoInlineMessageIsLeftInErrorsWarningsOrShouldProcess()
        {
            var found = SourceFiles().SelectMany(f => MessageScanner.Scan(Relative(f), File.ReadAllText(f))).ToList();
            Assert.True(found.Count == 0, "Put these messages in Resources/Strings.resx (or mark a string that no user reads with // not user-facing):\n" + string.Join("\n", found));
        }

        [Theory]
        [InlineData("throw new AcsTeamsSecurityException(ErrorIds.PolicyNotFound, ErrorCategory.ObjectNotFound, $\"No policy '{x}'.\");")]
        [InlineData("throw ErrorFactory.PolicyNotFound(Strings.PolicyNotFound_ThereIsNoInstance, $\"the {x} thing\");")]
        [InlineData("WriteWarning($\"Something happened to {x}.\");")]
        [InlineData("log.Warning(\"Something happened.\");")]
        [InlineData("WriteVerbose(Strings.Format(Strings.Verbose_X, ok ? \"first use\" : \"a renewal\"));")]
        [InlineData("if (!ShouldProcess(target, \"Remove the thing\")) { return; }")]
        [InlineData("WriteError(new ErrorRecord(ex, \"Id\", ErrorCategory.NotSpecified, \"the target thing\"));")]
        [InlineData("throw ErrorFactory.PolicyNotFound(Strings.X).With(recommendedAction: \"Run it again later.\");")]
        public void TheScanFindsAnInlineMessage(string line)
        {
            Assert.NotEmpty(MessageScanner.Scan("Commands/Added.cs", "class X {\n    void M() {\n        " + line + "\n    }\n}\n"));
        }

        [Theory]
        [InlineData("throw ErrorFactory.PolicyNotFound(Strings.PolicyNotFound_ThereIsNoInstance, type, identity);")]
        [InlineData("WriteWarning(Strings.Format(Strings.Warning_NotCompared, string.Join(\", \", skipped)));")]
        [InlineData("WriteVerbose(\"GET /v1.0/organization\"); // not user-facing: wire detail")]
        public void TheScanLetsResourcesAndMarkedStringsPass(string line)
        {
            Assert.Empty(MessageScanner.Scan("Commands/Added.cs", "class X {\n    void M() {\n        " + line + "\n    }\n}\n"));
        }

        [Fact]
        public void OnlyErrorFactoryConstructsTheException()
        {
            var outside = SourceFiles()
                .Where(f => Relative(f) != "Errors/ErrorFactory.cs")
                .Where(f => Regex.IsMatch(File.ReadAllText(f), @"new\s+AcsTeamsSecurityException\s*\("))
                .Select(Relative)
                .ToList();
            Assert.True(outside.Count == 0, "Build errors with ErrorFactory.<ErrorId>(...), not new AcsTeamsSecurityException: " + string.Join(", ", outside));
        }

        [Fact]
        public void EveryErrorIdHasExactlyOneFactoryThatBuildsItWithOneCategory()
        {
            var ids = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!).ToList();
            var factories = typeof(ErrorFactory).GetMethods(BindingFlags.Static | BindingFlags.NonPublic)
                .Where(m => m.IsAssembly && m.ReturnType == typeof(AcsTeamsSecurityException) && m.Name != nameof(ErrorFactory.With) && m.Name != nameof(ErrorFactory.Extend))
                .GroupBy(m => m.Name)
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), factories.Keys.OrderBy(k => k, StringComparer.Ordinal));

            // In the factory source, each id is named only inside its own factory.
            var source = File.ReadAllText(Path.Combine(Src, "Errors", "ErrorFactory.cs"));
            foreach (var id in ids)
            {
                var owners = Regex.Matches(source, @"internal static AcsTeamsSecurityException (\w+)\([^\n]*\n?[^\n]*ErrorIds\." + id + @"\b")
                    .Select(m => m.Groups[1].Value)
                    .Distinct()
                    .ToList();
                Assert.True(owners.SequenceEqual(new[] { id }), $"{id} is built by: {string.Join(", ", owners)}");
            }

            // Each ordinary factory (format + values) builds its own id, always with the same category, whatever the overload.
            foreach (var (name, overloads) in factories)
            {
                var categories = new HashSet<ErrorCategory>();
                foreach (var method in overloads)
                {
                    var parameters = method.GetParameters();
                    object?[] arguments;
                    if (parameters.Length == 2 && parameters[0].ParameterType == typeof(string))
                    {
                        arguments = new object?[] { "a {0}", new object?[] { "b" } };
                    }
                    else if (parameters.Length == 3 && parameters[0].ParameterType == typeof(Exception))
                    {
                        arguments = new object?[] { new InvalidOperationException("inner"), "a {0}", new object?[] { "b" } };
                    }
                    else
                    {
                        continue; // ServiceError(status), AcsResourceUnresolved(category), CollectionFailed(failure): checked below
                    }

                    var error = (AcsTeamsSecurityException)method.Invoke(null, arguments)!;
                    Assert.Equal(name, error.ErrorId);
                    Assert.Equal("a b", error.Message);
                    categories.Add(error.Category);
                }

                Assert.True(categories.Count <= 1, $"{name} is built with the categories {string.Join(", ", categories)}");
            }
        }

        [Fact]
        public void TheFactoriesWhoseCategoryFollowsTheirCauseSayHow()
        {
            Assert.Equal(ErrorCategory.ResourceUnavailable, ErrorFactory.ServiceError(502, "x").Category);
            Assert.Equal(ErrorCategory.NotSpecified, ErrorFactory.ServiceError(418, "x").Category);
            var cause = ErrorFactory.PermissionDenied("denied");
            Assert.Equal(ErrorCategory.PermissionDenied, ErrorFactory.AcsResourceUnresolved(ErrorCategory.InvalidResult, cause, "x").Category);
            Assert.Equal(ErrorCategory.InvalidResult, ErrorFactory.AcsResourceUnresolved(ErrorCategory.InvalidResult, null, "x").Category);
            var collected = ErrorFactory.CollectionFailed(cause.With(service: "Graph", status: 403));
            Assert.Equal(ErrorIds.CollectionFailed, collected.ErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, collected.Category);
            Assert.Equal(403, collected.Status);
        }
    }

    /// <summary>
    /// Finds user-facing text written inline where it should come from Resources/Strings.resx: a string literal with two
    /// words or more in it (a word: two letters or more; punctuation such as <c>", "</c> and single names such as
    /// <c>"Proxy"</c> pass) anywhere in the arguments of
    /// <c>new AcsTeamsSecurityException(</c>, <c>ErrorFactory.*(</c>, <c>new ErrorRecord(</c>, <c>WriteWarning(</c>,
    /// <c>.Warning(</c>, <c>ShouldProcess(</c>, <c>ShouldProcessOrForce(</c>, <c>ConfirmLoosening(</c>, <c>Say(</c>,
    /// <c>TellHostWhileStopping(</c>, <c>WriteVerbose(</c>, <c>.Verbose(</c>, <c>.Progress(</c>, <c>Strings.Format(</c> and in a
    /// <c>recommendedAction:</c> argument. Comments are skipped; a line ending in <c>// not user-facing</c> (with a reason) is
    /// exempt. Resources/ itself is not scanned.
    /// </summary>
    internal static class MessageScanner
    {
        private static readonly Regex Call = new Regex(
            @"new\s+AcsTeamsSecurityException\s*\(|\bErrorFactory\.\w+\s*\(|new\s+ErrorRecord\s*\(|\bWriteWarning\s*\(|\.Warning\s*\(|\bShouldProcess\s*\(|\bShouldProcessOrForce\s*\(|\bConfirmLoosening\s*\(|\bSay\s*\(|\bTellHostWhileStopping\s*\(|\bWriteVerbose\s*\(|\.Verbose\s*\(|\.Progress\s*\(|\bStrings\.Format\s*\(|\brecommendedAction:\s*",
            RegexOptions.CultureInvariant);

        private static readonly Regex Literal = new Regex(@"(?:\$@|@\$|\$|@)?""(?:[^""\\\n]|\\.|"""")*""", RegexOptions.CultureInvariant);

        internal static IEnumerable<string> Scan(string file, string text)
        {
            if (file.StartsWith("Resources/", StringComparison.Ordinal))
            {
                yield break;
            }

            var lines = text.Split('\n');
            var code = string.Join("\n", lines.Select(StripComment));
            foreach (Match call in Call.Matches(code))
            {
                var args = Arguments(code, call);
                foreach (Match literal in Literal.Matches(args))
                {
                    var body = Regex.Replace(literal.Value, @"\{[^{}]*\}", " ");
                    if (Regex.Count(body, @"[A-Za-z]{2,}") < 2)
                    {
                        continue;
                    }

                    var line = code.Substring(0, call.Index).Count(c => c == '\n');
                    var end = code.IndexOf('\n', call.Index + call.Length + args.Length) is var e && e >= 0 ? code.Substring(0, e).Count(c => c == '\n') : lines.Length - 1;
                    if (Enumerable.Range(line, end - line + 1).Any(n => n < lines.Length && lines[n].TrimEnd().Contains("// not user-facing", StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    yield return $"{file}:{line + 1}: {literal.Value}";
                }
            }
        }

        /// <summary>The text of a call's argument list (up to the matching parenthesis), or of one named argument.</summary>
        private static string Arguments(string code, Match call)
        {
            var start = call.Index + call.Length;
            var named = !call.Value.EndsWith("(", StringComparison.Ordinal);
            var depth = 1;
            for (var i = start; i < code.Length; i++)
            {
                var c = code[i];
                if (c == '"')
                {
                    var m = Literal.Match(code, i > 0 && (code[i - 1] == '$' || code[i - 1] == '@') ? i - 1 : i);
                    if (m.Success && m.Index <= i)
                    {
                        i = m.Index + m.Length - 1;
                        continue;
                    }
                }

                if (c == '(')
                {
                    depth++;
                }
                else if (c == ')')
                {
                    depth--;
                    if (depth == 0)
                    {
                        return code.Substring(start, i - start);
                    }
                }
                else if (named && c == ',' && depth == 1)
                {
                    return code.Substring(start, i - start);
                }
            }

            return code.Substring(start);
        }

        private static string StripComment(string line)
        {
            var inString = false;
            for (var i = 0; i < line.Length - 1; i++)
            {
                if (line[i] == '"' && (i == 0 || line[i - 1] != '\\'))
                {
                    inString = !inString;
                }
                else if (!inString && line[i] == '/' && line[i + 1] == '/')
                {
                    return line.Substring(0, i);
                }
            }

            return line;
        }
    }
}
