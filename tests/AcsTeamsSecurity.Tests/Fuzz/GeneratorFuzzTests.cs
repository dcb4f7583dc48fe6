using System.Management.Automation.Language;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Security;
using AcsTeamsSecurity.Tests.Audit;
using AcsTeamsSecurity.Tests.Security;
using Xunit;
using Xunit.Abstractions;

namespace AcsTeamsSecurity.Tests.Fuzz
{
    /// <summary>
    /// Issue 14: the generators (command text, CSV cells, redaction, snapshot signatures) and the snapshot reader's numbers,
    /// fuzzed with Unicode quotes, dashes, control characters and numeric edge cases.
    /// </summary>
    [Collection(FuzzHarness.Collection)]
    public class GeneratorFuzzTests
    {
        private const int Seed = 0x14_0001;
        private const string FormulaStarts = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

        private static readonly System.Buffers.SearchValues<char> QuoteTriggers = System.Buffers.SearchValues.Create(",;\t\"\r\n");

        private readonly ITestOutputHelper _output;

        public GeneratorFuzzTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void CommandTextAlwaysParsesAsOneArgumentWithTheSameValue()
        {
            // PowerShell's parser is the oracle, and it is slow: 20,000 inputs.
            FuzzHarness.Run(_output, "CommandText.Literal/Argument", Seed, 20_000, g => new FuzzInput<bool>("hostile", Hostile(g), false), input =>
            {
                var value = input.Text!;
                foreach (var text in new[] { CommandText.Literal(value), CommandText.Argument(value) })
                {
                    if (text.Length == 0)
                    {
                        continue;
                    }

                    var ast = Parser.ParseInput("Get-ExternalUserPolicy -Identity " + text + " -PolicyType X", out _, out var errors);
                    Assert.Empty(errors);
                    var command = Assert.Single(ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>());
                    var elements = command.CommandElements;
                    Assert.Equal(5, elements.Count);
                    Assert.Equal(value, Assert.IsAssignableFrom<StringConstantExpressionAst>(elements[2]).Value);
                }

                return FuzzOutcome.Accepted;
            }, minAccepted: 20_000);
        }

        [Fact]
        public void CsvCellsNeverStartAFormulaAndHoldNoControlCharacters()
        {
            FuzzHarness.Run(_output, "CsvReport.Field", Seed + 1, FuzzHarness.Inputs, g => new FuzzInput<bool>("hostile", Hostile(g), false), input =>
            {
                var cell = CsvReport.Field(input.Text);
                Assert.DoesNotContain(cell, c => char.IsControl(c) && c != '\r' && c != '\n' && c != '\t');
                var quoted = cell.Length > 0 && cell[0] == '"';
                var content = quoted ? cell.Substring(1, cell.Length - 2) : cell;
                if (quoted)
                {
                    Assert.EndsWith("\"", cell, StringComparison.Ordinal);
                    Assert.DoesNotMatch("(?<!\")\"(?!\")", content.Replace("\"\"", string.Empty, StringComparison.Ordinal));
                }
                else
                {
                    Assert.True(content.AsSpan().IndexOfAny(QuoteTriggers) < 0);
                }

                // Wherever any locale could start a cell (the start, or after , ; TAB CR LF) no formula character follows.
                var atStart = true;
                foreach (var c in content)
                {
                    if (atStart && c == ' ')
                    {
                        continue;
                    }

                    Assert.False(atStart && FormulaStarts.Contains(c, StringComparison.Ordinal), $"a formula can start in {FuzzGen.Show(cell)}");
                    atStart = c is ',' or ';' or '\t' or '\r' or '\n';
                }

                return FuzzOutcome.Accepted;
            }, minAccepted: FuzzHarness.Inputs);
        }

        [Fact]
        public void JsonShapedSecretsNeverSurviveRedaction()
        {
            string[] names = { "accessKey", "access_token", "refresh_token", "client_secret", "password", "primaryKey", "secondaryKey", "connectionString", "AccessToken", "Secret" };
            FuzzHarness.Run(_output, "Redactor.Redact (JSON)", Seed + 2, FuzzHarness.Inputs, g =>
            {
                var secret = "S" + g.FromAlphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=~.-_", g.Next(8, 60));
                var name = g.Pick(names);
                var escaped = g.Chance(0.2);
                var q = escaped ? "\\\"" : "\"";
                var pair = q + name + q + g.Pick(new[] { ":", " : ", ":\n" }) + q + secret + q;
                var text = g.RandomString(40) + g.Pick(new[] { "{", "[{", "{\"error\":{\"details\":{" }) + pair + g.Pick(new[] { "}", ",\"x\":1}", "}}}" }) + g.RandomString(40);
                return new FuzzInput<string>(escaped ? "escaped" : "json", text, secret);
            }, input =>
            {
                Assert.DoesNotContain(input.Context, Redactor.Redact(input.Text), StringComparison.Ordinal);
                return FuzzOutcome.Accepted;
            }, minAccepted: FuzzHarness.Inputs);
        }

        [Fact]
        public void SnapshotNumbersAreReadOrSnapshotInvalid()
        {
            var baseline = AuditFixtures.Baseline().ToJsonString();
            string[] spots = { "\"userCount\":120", "\"userCount\":" };
            FuzzHarness.Run(_output, "SnapshotSerializer numbers", Seed + 3, 5_000, g =>
            {
                var number = g.Chance(0.5) ? g.Pick(FuzzGen.NumericEdgeCases) : g.JsonNumber();
                var at = baseline.IndexOf(spots[0], StringComparison.Ordinal);
                return new FuzzInput<bool>("userCount", baseline.Substring(0, at) + "\"userCount\":" + number + baseline.Substring(at + spots[0].Length), false);
            }, input =>
            {
                try
                {
                    var snapshot = SnapshotSerializer.Parse(input.Text!, "fuzz.json");
                    var count = snapshot.MeetingPolicies[0].UserCount;
                    Assert.True(count is null or >= 0);
                    return FuzzOutcome.Accepted;
                }
                catch (Exception ex)
                {
                    FuzzHarness.ExpectError(ex, ErrorIds.SnapshotInvalid);
                    return FuzzOutcome.Rejected;
                }
            }, minAccepted: 1_000);
        }

        [Fact]
        public void DamagedSignaturesNeverVerifyAndNeverThrow()
        {
            using var certificate = SnapshotSignatureTests.NewCertificate("ECDSA");
            var content = Encoding.UTF8.GetBytes(AuditFixtures.Baseline().ToJsonString());
            var signature = Encoding.UTF8.GetString(SnapshotSignature.Sign(content, certificate, DateTimeOffset.UtcNow));
            var tokens = new[] { "\"", "\\", "{", "}", "[]", "null", "1e400", "\"RS256\"", "\"ES256\"", "AAAA", "==", "\u2019", "\0" };
            FuzzHarness.Run(_output, "SnapshotSignature.VerifyBytes", Seed + 4, 20_000, g => new FuzzInput<bool>("mutation", g.Mutate(signature, tokens), false), input =>
            {
                var status = SnapshotSignature.VerifyBytes("fuzz.sig", Encoding.UTF8.GetBytes(input.Text!), content);
                Assert.True(status.Signed);
                if (status.Valid)
                {
                    // Only edits the signature does not cover can survive (whitespace, the informational subject and
                    // thumbprint fields): the signer reported is always the real one.
                    Assert.Equal(certificate.Thumbprint, status.Thumbprint);
                    Assert.Equal(certificate.Subject, status.Subject);
                }

                return status.Valid ? FuzzOutcome.Accepted : FuzzOutcome.Rejected;
            }, minAccepted: 0);
        }

        /// <summary>Policy-name-shaped text full of quote characters, dashes and control characters.</summary>
        private static string Hostile(FuzzGen g)
        {
            var sb = new StringBuilder(g.Chance(0.5) ? "Tag:" : string.Empty);
            var parts = g.Next(1, 8);
            for (var i = 0; i < parts; i++)
            {
                sb.Append(g.Next(4) switch
                {
                    0 => g.Pick(FuzzGen.QuotesAndDashes),
                    1 => g.RandomString(12),
                    2 => " Write-Host PWNED ",
                    _ => g.Char(),
                });
            }

            return sb.ToString();
        }
    }
}
