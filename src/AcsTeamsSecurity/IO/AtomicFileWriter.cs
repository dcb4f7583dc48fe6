using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.IO
{
    /// <summary>
    /// The one way the module writes a file (snapshots, their signatures, reports): the bytes go to a new temporary file
    /// next to the target, which then takes the target's place in one rename. A failure never leaves half a file and never
    /// destroys the previous one; the temporary file is removed on every path; an existing target keeps its permissions
    /// (a 0600 snapshot stays 0600); and NoClobber is decided at the moment of the move, by a create-if-absent rename,
    /// so a file that appeared while the tenant was being read is never overwritten.
    /// </summary>
    internal static class AtomicFileWriter
    {
        private static readonly MethodInfo? GetUnixFileMode = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
        private static readonly MethodInfo? SetUnixFileMode = GetUnixFileMode is null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), GetUnixFileMode.ReturnType });

        /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>.</summary>
        /// <exception cref="AcsTeamsSecurityException">OutputFileExists when <paramref name="noClobber"/> and the file exists at the moment of the move.</exception>
        /// <exception cref="IOException">Any other I/O failure (the target is left as it was).</exception>
        internal static void Write(string path, byte[] content, bool noClobber)
        {
            var fullPath = Path.GetFullPath(path);
            var directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{fullPath}' has no directory.", nameof(path));
            var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(content, 0, content.Length);
                    stream.Flush(flushToDisk: true);
                }

                if (noClobber)
                {
                    MoveIfAbsent(temp, fullPath);
                    return;
                }

                if (File.Exists(fullPath))
                {
                    CopyMode(fullPath, temp);
                    try
                    {
                        File.Replace(temp, fullPath, destinationBackupFileName: null);
                        return;
                    }
                    catch (FileNotFoundException) when (File.Exists(temp) && !File.Exists(fullPath))
                    {
                        // The target went away between the check and the replace: it is now a plain create.
                    }
                }

                File.Move(temp, fullPath);
            }
            finally
            {
                TryDelete(temp);
            }
        }

        /// <summary>
        /// File.Move without overwrite: on Linux and macOS .NET links the new name (link(2) fails when it exists) and then
        /// removes the old one; on Windows MoveFile fails when the target exists. Either way the check and the move are one step.
        /// </summary>
        private static void MoveIfAbsent(string temp, string fullPath)
        {
            if (File.Exists(fullPath) || Directory.Exists(fullPath))
            {
                throw Exists(fullPath, null);
            }

            try
            {
                File.Move(temp, fullPath);
            }
            catch (IOException ex) when (File.Exists(fullPath) || Directory.Exists(fullPath))
            {
                throw Exists(fullPath, ex);
            }
        }

        /// <summary>Gives <paramref name="to"/> the Unix permissions of <paramref name="from"/> (.NET 7+ on Linux and macOS; Windows keeps the target's ACL through File.Replace).</summary>
        private static void CopyMode(string from, string to)
        {
            if (GetUnixFileMode is null || SetUnixFileMode is null || Environment.OSVersion.Platform == PlatformID.Win32NT)
            {
                return;
            }

            try
            {
                var mode = GetUnixFileMode.Invoke(null, new object[] { from });
                SetUnixFileMode.Invoke(null, new[] { to, mode });
            }
            catch (TargetInvocationException ex) when (ex.InnerException is IOException || ex.InnerException is UnauthorizedAccessException)
            {
                throw ex.InnerException;
            }
        }

        private static void TryDelete(string temp)
        {
            try
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Nothing more can be done; the file is hidden (dot-prefixed) and named .tmp.
            }
        }

        private static AcsTeamsSecurityException Exists(string path, Exception? inner) =>
            ErrorFactory.OutputFileExists(inner, Strings.OutputFileExists_ExistsAndNoClobberWasGiven, path).With(target: path);
    }
}
