using System;
using System.IO;
using System.Runtime.InteropServices;

namespace AcsTeamsSecurity.Auth
{
    /// <summary>
    /// Whether an interactive (browser) sign-in can open a browser here. On Linux that needs a display
    /// (DISPLAY or WAYLAND_DISPLAY) and a way to open a URL (BROWSER, or xdg-open on the PATH); without them the
    /// sign-in would wait silently for a browser that never opens. Windows and macOS always have one.
    /// </summary>
    internal static class BrowserAvailability
    {
        /// <summary>Why no browser can be opened, or null when one can.</summary>
        internal static string? WhyUnavailable(Func<string, string?> getVariable, Func<string, bool> onPath, bool isLinux)
        {
            if (!isLinux)
            {
                return null;
            }

            var hasDisplay = !string.IsNullOrEmpty(getVariable("DISPLAY")) || !string.IsNullOrEmpty(getVariable("WAYLAND_DISPLAY"));
            if (!hasDisplay)
            {
                return "this session has no display (neither DISPLAY nor WAYLAND_DISPLAY is set)";
            }

            if (string.IsNullOrEmpty(getVariable("BROWSER")) && !onPath("xdg-open"))
            {
                return "no browser can be opened (BROWSER is not set and xdg-open is not on the PATH)";
            }

            return null;
        }

        /// <summary>The check for this process.</summary>
        internal static string? WhyUnavailable() =>
            WhyUnavailable(Environment.GetEnvironmentVariable, IsOnPath, RuntimeInformation.IsOSPlatform(OSPlatform.Linux));

        private static bool IsOnPath(string program)
        {
            var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            foreach (var directory in path.Split(Path.PathSeparator))
            {
                if (directory.Length > 0 && File.Exists(Path.Combine(directory, program)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
