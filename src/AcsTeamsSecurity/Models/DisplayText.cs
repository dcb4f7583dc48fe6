using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AcsTeamsSecurity.Models
{
    /// <summary>
    /// Word wrapping for the format file's list views. PowerShell wraps long values at the console edge in the middle
    /// of a word; values wrapped here break only between words (a word longer than the width stays whole), so they
    /// read the same in an 80- or a 120-column console.
    /// </summary>
    public static class DisplayText
    {
        /// <summary>The width list views wrap values to: fits an 80-column console after a label of up to 18 characters.</summary>
        public const int ListWidth = 58;

        private static readonly char[] Space = { ' ' };

        /// <summary>The value as lines of at most <paramref name="width"/> characters, broken between words; lists one item per line.</summary>
        public static string Wrap(object? value, int width)
        {
            if (value is null)
            {
                return string.Empty;
            }

            if (value is System.Management.Automation.PSObject pso)
            {
                value = pso.BaseObject;
            }

            if (value is IEnumerable items && !(value is string))
            {
                return string.Join("\n", items.Cast<object?>().Select(item => Wrap(item, width)).Where(line => line.Length > 0));
            }

            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
            {
                var line = new StringBuilder();
                foreach (var word in paragraph.Split(Space, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (line.Length > 0 && line.Length + 1 + word.Length > width)
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                    }

                    if (line.Length > 0)
                    {
                        line.Append(' ');
                    }

                    line.Append(word);
                }

                lines.Add(line.ToString());
            }

            return string.Join("\n", lines);
        }
    }
}
