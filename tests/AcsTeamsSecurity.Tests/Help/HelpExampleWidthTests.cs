using Xunit;

namespace AcsTeamsSecurity.Tests.Help
{
    /// <summary>
    /// <c>Get-Help -Examples</c> at 120 columns prints example code indented by four columns and wraps at the console
    /// edge, in the middle of a parameter name or value. Measured on PowerShell 7.4 and 7.6: a code line of
    /// <see cref="MaxCodeLine"/> characters prints whole, one of 117 is broken. So every line of a <c>```powershell</c>
    /// block under <c>## EXAMPLES</c> in en-US/*.md stays within that, split with a backtick, a pipeline break or
    /// splatting where a command is longer (output blocks are what the console printed and are not checked).
    /// </summary>
    public class HelpExampleWidthTests
    {
        /// <summary>The longest example code line Get-Help -Examples prints unbroken at 120 columns.</summary>
        public const int MaxCodeLine = 116;

        public static IEnumerable<object[]> HelpFiles() =>
            Directory.GetFiles(Path.Combine(FindRepoRoot(), "en-US"), "*-*.md")
                .Select(Path.GetFileName)
                .OrderBy(name => name, StringComparer.Ordinal)
                .Select(name => new object[] { name! });

        [Theory]
        [MemberData(nameof(HelpFiles))]
        public void ExampleCodeLinesFitGetHelpAt120Columns(string file)
        {
            var tooLong = LongCodeLines(File.ReadAllLines(Path.Combine(FindRepoRoot(), "en-US", file)), MaxCodeLine).ToList();
            Assert.True(tooLong.Count == 0, $"{file}: example code lines longer than {MaxCodeLine} characters wrap mid-parameter in Get-Help -Examples at 120 columns; split them with a backtick, a pipeline break or splatting:\n{string.Join('\n', tooLong)}");
        }

        [Fact]
        public void TheCheckSeesOnlyExampleCode()
        {
            var longLine = "Connect-AcsTeamsSecurity -TenantId contoso.onmicrosoft.com -ClientId 3f2c9a51-7d4e-4b8a-9c61-0e5f2a7b8d90 -DeviceCode";
            var text = new[]
            {
                "## SYNTAX", "```", longLine, "```",
                "## EXAMPLES", "### Example 1: x", "```powershell", "Get-Thing", longLine, "```",
                "```output", longLine, "```",
                "## PARAMETERS", "```powershell", longLine, "```",
            };

            var found = LongCodeLines(text, MaxCodeLine).ToList();

            Assert.Single(found);
            Assert.StartsWith("line 9 (117):", found[0], StringComparison.Ordinal);
        }

        /// <summary>Lines of <c>```powershell</c> blocks in the EXAMPLES section longer than <paramref name="max"/>.</summary>
        internal static IEnumerable<string> LongCodeLines(IReadOnlyList<string> lines, int max)
        {
            var inExamples = false;
            string? fence = null;
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (fence is null && line.StartsWith("## ", StringComparison.Ordinal))
                {
                    inExamples = line.Trim() == "## EXAMPLES";
                    continue;
                }

                if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    fence = fence is null ? line.Substring(3).Trim() : null;
                    continue;
                }

                if (inExamples && fence == "powershell" && line.TrimEnd().Length > max)
                {
                    yield return $"line {i + 1} ({line.TrimEnd().Length}): {line}";
                }
            }
        }

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
