using System.Text.RegularExpressions;
using AcsTeamsSecurity.Tests.Audit;
using Xunit;

namespace AcsTeamsSecurity.Tests.Architecture
{
    /// <summary>
    /// Issue 14: the classes of bug behind findings 2 and 3 are kept impossible by a search of src/, not by review.
    /// Exactly what is searched for (comments are skipped):
    /// <list type="bullet">
    /// <item><b>Credential attachment</b>: <c>HttpHeader.Names.Authorization</c>, <c>Headers.Authorization</c>, the string
    /// literal <c>"Authorization"</c>, a value built as <c>"Bearer " + …</c> or <c>$"Bearer {…}"</c>, and <c>HMAC-SHA256 SignedHeaders</c>. Allowed only in
    /// Clients/Transport/RequestAuthorizationPolicy.cs, the one policy that decides which host may receive which credential.</item>
    /// <item><b>Hand-made quoting</b>: <c>Replace("'", …)</c>, <c>Replace('\'', …)</c> and concatenating a one-quote string
    /// (<c>"'" + x</c>, <c>x + "'"</c>). Allowed only in Security/CommandText.cs, the one quoting function.</item>
    /// <item><b>Raw values in a generated command</b>: a string literal that holds a command (a Verb-Noun name or
    /// <c>az &lt;group&gt;</c> followed by a <c>-Parameter</c>) in which an interpolation hole sits inside quotes
    /// (<c>'{x}'</c>, <c>\"{x}\"</c>) or right after a parameter name (<c>-Identity {x}</c>) without being a
    /// <c>CommandText.</c> call.</item>
    /// </list>
    /// </summary>
    public class SecurityArchitectureTests
    {
        private static readonly string Src = Path.Combine(SnapshotSchemaTests.RepoRoot(), "src", "AcsTeamsSecurity");

        [Fact]
        public void OnlyTheOnePolicyAttachesCredentialsAndOnlyTheOneFunctionQuotesCommands()
        {
            var violations = Directory.GetFiles(Src, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .SelectMany(f => SecurityScanner.Scan(Path.GetRelativePath(Src, f).Replace('\\', '/'), File.ReadAllText(f)))
                .ToList();
            Assert.True(violations.Count == 0, "Credentials are attached only by Clients/Transport/RequestAuthorizationPolicy.cs, and commands are quoted only by Security/CommandText.cs:\n" + string.Join("\n", violations));
        }

        [Fact]
        public void TheScannerSeesTheOnePolicyAndTheOneFunction()
        {
            // The allow-listed files really do what the rules look for: the search is not vacuous.
            Assert.NotEmpty(SecurityScanner.Matches("Clients/Transport/RequestAuthorizationPolicy.cs", File.ReadAllText(Path.Combine(Src, "Clients", "Transport", "RequestAuthorizationPolicy.cs"))));
            Assert.NotEmpty(SecurityScanner.Matches("Security/CommandText.cs", File.ReadAllText(Path.Combine(Src, "Security", "CommandText.cs"))));
        }

        [Theory]
        [InlineData("request.Headers.SetValue(HttpHeader.Names.Authorization, \"Bearer \" + token);", SecurityScanner.Credential)]
        [InlineData("message.Request.Headers.Add(\"Authorization\", value);", SecurityScanner.Credential)]
        [InlineData("client.DefaultRequestHeaders.Authorization = header;", SecurityScanner.Credential)]
        [InlineData("var h = $\"HMAC-SHA256 SignedHeaders={x}&Signature={s}\";", SecurityScanner.Credential)]
        [InlineData("var quoted = value.Replace(\"'\", \"''\");", SecurityScanner.Quoting)]
        [InlineData("var quoted = value.Replace('\\'', '\"');", SecurityScanner.Quoting)]
        [InlineData("return \"'\" + value + \"'\";", SecurityScanner.Quoting)]
        [InlineData("var fix = $\"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity '{p.Identity}' -AllowX $false\";", SecurityScanner.Command)]
        [InlineData("var fix = $\"Set-LobbyBypass -Identity {p.Identity} -AutoAdmittedUsers EveryoneInCompany\";", SecurityScanner.Command)]
        [InlineData("var fix = $\"az resource update --ids '{r.Id}' --set x=1\";", SecurityScanner.Command)]
        [InlineData("var fix = $\"New-CsExternalAccessPolicy -Identity \\\"{name}\\\"\";", SecurityScanner.Command)]
        [InlineData("var fix = $\"Remove-AcsIdentity -Identity {string.Join(\", \", ids)}.\";", SecurityScanner.Command)]
        public void AddedViolationsAreFound(string line, string rule)
        {
            var found = SecurityScanner.Scan("Audit/Added.cs", "class X {\n    void M() {\n        " + line + "\n    }\n}\n");
            Assert.Contains(found, v => v.Rule == rule && v.Line == 3);
        }

        [Theory]
        [InlineData("var fix = $\"Set-LobbyBypass -Identity {CommandText.Literal(p.Identity)} -AutoAdmittedUsers EveryoneInCompany\";")]
        [InlineData("var fix = $\"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity {CommandText.Literal(p.Identity)} {setting}\";")]
        [InlineData("var fix = $\"Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity {CommandText.Literal(id)} -{policySetting} $false\";")]
        [InlineData("throw Error($\"There is no {type} instance '{identity}'. Get-ExternalUserPolicy lists the instances.\");")]
        [InlineData("// request.Headers.SetValue(HttpHeader.Names.Authorization, token) would be wrong here")]
        [InlineData("var filter = \"JoinWebUrl eq \" + CommandText.ODataLiteral(url);")]
        [InlineData("var fix = $\"Remove-AcsIdentity -Identity {string.Join(\",\", ids.Select(CommandText.Literal))}.\";")]
        public void CorrectCodeIsNotFlagged(string line)
        {
            Assert.Empty(SecurityScanner.Scan("Audit/Added.cs", line + "\n"));
        }

        [Fact]
        public void TheAllowListedFilesMayDoWhatNoOtherMay()
        {
            const string attach = "message.Request.Headers.SetValue(HttpHeader.Names.Authorization, \"Bearer \" + token);\n";
            Assert.Empty(SecurityScanner.Scan("Clients/Transport/RequestAuthorizationPolicy.cs", attach));
            Assert.NotEmpty(SecurityScanner.Scan("Clients/Transport/ServiceHttpClient.cs", attach));
            const string quote = "return \"'\" + value.Replace(\"'\", \"''\") + \"'\";\n";
            Assert.Empty(SecurityScanner.Scan("Security/CommandText.cs", quote));
            Assert.NotEmpty(SecurityScanner.Scan("Audit/Rules/RuleCatalog.cs", quote));
        }
    }

    /// <summary>The search behind <see cref="SecurityArchitectureTests"/>.</summary>
    internal static class SecurityScanner
    {
        internal const string Credential = "credential attachment";
        internal const string Quoting = "hand-made quoting";
        internal const string Command = "raw value in a generated command";

        internal const string PolicyFile = "Clients/Transport/RequestAuthorizationPolicy.cs";
        internal const string QuotingFile = "Security/CommandText.cs";

        private static readonly Regex CredentialPattern = new(@"HttpHeader\.Names\.Authorization|Headers\.Authorization|""Authorization""|""Bearer ""\s*\+|\$""Bearer \{|HMAC-SHA256 SignedHeaders", RegexOptions.Compiled);
        private static readonly Regex QuotingPattern = new(@"\.Replace\(\s*(""'""|'\\''|'’'|""’"")\s*,|""'""\s*\+|\+\s*""'""", RegexOptions.Compiled);
        private static readonly Regex StringLiteral = new(@"\$?""(?:[^""\\]|\\.)*""", RegexOptions.Compiled);
        private static readonly Regex CommandStart = new(@"(^|[\s(`:;""])([A-Z][a-z]+-[A-Z][A-Za-z]+\s+-{1,2}[A-Za-z]|az [a-z][a-z-]+ )", RegexOptions.Compiled);
        private static readonly Regex Hole = new(@"(?<!\{)\{(?!\{)([^{}]*)\}", RegexOptions.Compiled);

        internal sealed record Violation(string File, int Line, string Rule, string Text)
        {
            public override string ToString() => $"{File}:{Line}: {Rule}: {Text.Trim()}";
        }

        /// <summary>Every match of the three rules, allowed or not.</summary>
        internal static IEnumerable<Violation> Matches(string file, string source)
        {
            var lines = source.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var trimmed = line.TrimStart();
                if (trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("*", StringComparison.Ordinal))
                {
                    continue;
                }

                if (CredentialPattern.IsMatch(line))
                {
                    yield return new Violation(file, i + 1, Credential, line);
                }

                if (QuotingPattern.IsMatch(line))
                {
                    yield return new Violation(file, i + 1, Quoting, line);
                }

                foreach (Match literal in StringLiteral.Matches(line))
                {
                    if (literal.Value.StartsWith("$", StringComparison.Ordinal) && CommandStart.IsMatch(literal.Value) && RawHoles(literal.Value, line.Substring(literal.Index)).Any())
                    {
                        yield return new Violation(file, i + 1, Command, line);
                    }
                }
            }
        }

        /// <summary>The matches that are not in the file allowed to have them.</summary>
        internal static IEnumerable<Violation> Scan(string file, string source) =>
            Matches(file, source).Where(v => !(v.Rule == Credential && file == PolicyFile) && !(v.Rule == Quoting && file == QuotingFile));

        private static IEnumerable<string> RawHoles(string literal, string rest)
        {
            foreach (Match hole in Hole.Matches(literal))
            {
                var expression = hole.Groups[1].Value.Trim();
                if (expression.StartsWith("CommandText.", StringComparison.Ordinal) || expression.StartsWith("Security.CommandText.", StringComparison.Ordinal))
                {
                    continue;
                }

                var before = literal.Substring(0, hole.Index);
                var quoted = before.EndsWith("'", StringComparison.Ordinal) || before.EndsWith("\\\"", StringComparison.Ordinal) || before.EndsWith("\u2019", StringComparison.Ordinal);
                var afterParameter = Regex.IsMatch(before, @"\s-{1,2}[A-Za-z][A-Za-z0-9-]*\s+$");
                if (quoted || afterParameter)
                {
                    yield return expression;
                }
            }

            // A hole that holds a string literal of its own ({string.Join(", ", ids)}) cuts the literal short at that
            // quote: the hole is then left open at the end of what was matched, and is judged the same way.
            // The whole hole is read from the rest of the line, braces matched; it passes when it quotes through CommandText.
            var open = OpenHole.Match(literal.TrimEnd('"'));
            if (open.Success)
            {
                var depth = 0;
                var end = open.Index;
                for (; end < rest.Length; end++)
                {
                    depth += rest[end] == '{' ? 1 : rest[end] == '}' ? -1 : 0;
                    if (depth == 0)
                    {
                        break;
                    }
                }

                var expression = rest.Substring(open.Index, Math.Min(end + 1, rest.Length) - open.Index);
                var before = literal.Substring(0, open.Index);
                if (!expression.Contains("CommandText.", StringComparison.Ordinal)
                    && (before.EndsWith("'", StringComparison.Ordinal) || Regex.IsMatch(before, @"\s-{1,2}[A-Za-z][A-Za-z0-9-]*\s+$")))
                {
                    yield return expression;
                }
            }
        }

        private static readonly Regex OpenHole = new(@"(?<!\{)\{(?!\{)([^{}]*)$", RegexOptions.Compiled);
    }
}
