using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AcsTeamsSecurity.Tests.Audit
{
    /// <summary>
    /// Runs Debian's chromium headless on a local file and returns the DOM it built. Chromium must be installed
    /// (build.ps1 -Task Test installs it); a missing browser is a failure, never a skip. ACSTS_CHROMIUM overrides the
    /// executable.
    /// </summary>
    internal static class HeadlessChromium
    {
        /// <summary>
        /// Hosts Chromium itself contacts on start (component updater, sign-in preconnect) even with background
        /// networking disabled. They bypass the recording proxy and resolve nowhere; anything else a page asks for,
        /// including Google's font and CDN hosts, goes to the proxy and is recorded.
        /// </summary>
        private const string BrowserOwnHosts = "update.googleapis.com;accounts.google.com;clients2.google.com;redirector.gvt1.com";

        internal static string Executable()
        {
            var configured = Environment.GetEnvironmentVariable("ACSTS_CHROMIUM");
            if (!string.IsNullOrEmpty(configured))
            {
                return configured;
            }

            foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
            {
                foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = Path.Combine(dir, name);
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }

            throw new InvalidOperationException(
                "chromium is not installed: the HTML report is checked in a real browser. Install it with 'apt-get install -y chromium' " +
                "(build.ps1 -Task Test does this), or point ACSTS_CHROMIUM at a Chromium or Chrome executable.");
        }

        /// <summary>The flags every run uses: headless, no sandbox (CI runs as root), no GPU, no background traffic.</summary>
        internal static IReadOnlyList<string> CommonFlags(string profile) => new[]
        {
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,MediaRouter",
            "--enable-logging=stderr",
            "--v=0",
            "--user-data-dir=" + profile,
        };

        /// <summary>Loads the file, with every network request sent to a recording proxy that answers none.</summary>
        internal static async Task<ChromiumRun> DumpDomOffline(string file)
        {
            using var proxy = new RecordingProxy();
            var run = await Run(
                new[]
                {
                    $"--proxy-server=http://127.0.0.1:{proxy.Port}",
                    "--proxy-bypass-list=<-loopback>;" + BrowserOwnHosts,
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                    "--dump-dom",
                    new Uri(file).AbsoluteUri,
                });
            // Connections made before chromium exited are all accepted by now; give the accept loop a moment.
            await Task.Delay(200);
            return run with { Requests = proxy.Requests };
        }

        /// <summary>Prints the file to <paramref name="pdf"/> (print media, no header or footer), offline as above.</summary>
        internal static async Task<ChromiumRun> PrintToPdf(string file, string pdf)
        {
            using var proxy = new RecordingProxy();
            return await Run(
                new[]
                {
                    $"--proxy-server=http://127.0.0.1:{proxy.Port}",
                    "--proxy-bypass-list=<-loopback>;" + BrowserOwnHosts,
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                    "--no-pdf-header-footer",
                    "--print-to-pdf=" + pdf,
                    new Uri(file).AbsoluteUri,
                });
        }

        /// <summary>The number of pages of a PDF chromium wrote (its page objects are not compressed).</summary>
        internal static int PdfPages(string pdf) =>
            System.Text.RegularExpressions.Regex.Count(Encoding.Latin1.GetString(File.ReadAllBytes(pdf)), @"/Type\s*/Page(?![a-zA-Z])");

        internal static async Task<ChromiumRun> Run(IEnumerable<string> arguments)
        {
            var profile = Directory.CreateTempSubdirectory("acsts-chromium-").FullName;
            try
            {
                var start = new ProcessStartInfo(Executable())
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                    StandardOutputEncoding = Encoding.UTF8,
                };
                foreach (var flag in CommonFlags(profile).Concat(arguments))
                {
                    start.ArgumentList.Add(flag);
                }

                var watch = Stopwatch.StartNew();
                using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw new TimeoutException("chromium did not finish within 90 s; stderr: " + await stderr);
                }

                return new ChromiumRun(process.ExitCode, await stdout, await stderr, watch.Elapsed, Array.Empty<string>());
            }
            finally
            {
                try
                {
                    Directory.Delete(profile, recursive: true);
                }
                catch (IOException)
                {
                    // A crash handler may still hold a file for a moment; the temp folder is cleaned by the OS.
                }
            }
        }

        /// <summary>A TCP listener posing as an HTTP proxy: it records the first line of every request and closes.</summary>
        private sealed class RecordingProxy : IDisposable
        {
            private readonly TcpListener listener = new(IPAddress.Loopback, 0);
            private readonly List<string> requests = new();
            private readonly Task loop;

            internal RecordingProxy()
            {
                listener.Start();
                Port = ((IPEndPoint)listener.LocalEndpoint).Port;
                loop = Task.Run(AcceptLoop);
            }

            internal int Port { get; }

            internal IReadOnlyList<string> Requests
            {
                get
                {
                    lock (requests)
                    {
                        return requests.ToList();
                    }
                }
            }

            public void Dispose()
            {
                listener.Stop();
                try
                {
                    loop.Wait(TimeSpan.FromSeconds(5));
                }
                catch (AggregateException)
                {
                    // The loop ends with the listener.
                }
            }

            private async Task AcceptLoop()
            {
                while (true)
                {
                    TcpClient client;
                    try
                    {
                        client = await listener.AcceptTcpClientAsync();
                    }
                    catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }

                    using (client)
                    {
                        var line = "(connection without a request line)";
                        try
                        {
                            var stream = client.GetStream();
                            stream.ReadTimeout = 2000;
                            var buffer = new byte[512];
                            var read = stream.Read(buffer, 0, buffer.Length);
                            var text = Encoding.ASCII.GetString(buffer, 0, read);
                            var end = text.IndexOf('\r', StringComparison.Ordinal);
                            line = end >= 0 ? text[..end] : text;
                        }
                        catch (IOException)
                        {
                            // Recorded without its request line.
                        }

                        lock (requests)
                        {
                            requests.Add(line);
                        }
                    }
                }
            }
        }
    }

    internal sealed record ChromiumRun(int ExitCode, string Dom, string Log, TimeSpan Elapsed, IReadOnlyList<string> Requests);
}
