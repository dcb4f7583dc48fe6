using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Apis;
using AcsTeamsSecurity.Emulator.Control;
using AcsTeamsSecurity.Emulator.Entra;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.ManagedIdentity;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AcsTeamsSecurity.Emulator.Hosting;

/// <summary>Composition root: builds Kestrel, wires every service, signals readiness, runs until stopped.</summary>
internal static class EmulatorHost
{
    public static async Task<int> RunAsync(CommandLineOptions options)
    {
        var caDir = Path.GetFullPath(options.CaDir!);
        using var ca = Certificates.EnsureCa(caDir);
        using var serverCertificate = Certificates.IssueServerCertificate(ca);

        FixtureDocument document;
        try
        {
            document = options.FixturesPath is { } path ? FixtureStore.Load(path) : new FixtureDocument();
        }
        catch (Exception ex) when (ex is FixtureException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"Cannot load fixtures: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        var fixtures = new FixtureStore();
        fixtures.Replace(document);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.WebHost.UseKestrelHttpsConfiguration();
        var acsEndpoints = new AcsEndpoints(fixtures);
        var acsListeners = new List<ListenOptions>();
        ListenOptions? imdsListener = null;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            void Configure(ListenOptions listen)
            {
                // HTTP/1.1 only: a dropped connection (fault "drop") then means a closed socket for every client.
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(serverCertificate);
            }

            k.Listen(IPAddress.Loopback, options.Port, Configure);
            for (var i = 0; i < AcsEndpoints.PoolSize(fixtures); i++)
            {
                // One port per ACS resource: Microsoft's SDKs reject an endpoint with a path (docs/EMULATOR.md).
                k.Listen(IPAddress.Loopback, 0, listen =>
                {
                    Configure(listen);
                    acsListeners.Add(listen);
                });
            }

            // The Azure Instance Metadata Service is plain HTTP (169.254.169.254 in Azure): another loopback
            // listener without TLS serves its token path and nothing else. Tests point Azure.Identity at it with
            // AZURE_POD_IDENTITY_AUTHORITY_HOST (its IMDS endpoint override); the ready file gives its URL as imdsUrl.
            k.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                imdsListener = listen;
            });
        });

        await using var app = builder.Build();
        var server = new ServerInfo
        {
            FixturesPath = options.FixturesPath is { } f ? Path.GetFullPath(f) : null,
            CaFile = Path.Combine(caDir, Certificates.CaCertFileName),
            BundleFile = Path.Combine(caDir, Certificates.BundleFileName),
        };

        var clock = new EmulatorClock();
        using var issuer = new JwtIssuer();
        var issued = new IssuedSecrets();
        var tokens = new AccessTokenFactory(issuer, clock, server, issued);
        var deviceCodes = new DeviceCodeStore();
        var refreshTokens = new RefreshTokenStore(issued);
        var assertions = new ClientAssertionValidator(issuer, clock, server);
        var tokenEndpoint = new TokenEndpoint(fixtures, clock, server, tokens, deviceCodes, refreshTokens, assertions);
        var validator = new TokenValidator(issuer, clock, server, fixtures);
        var teamsPolicies = new TeamsPolicyStore(fixtures);
        var onlineMeetings = new OnlineMeetingStore(fixtures, clock);
        var faults = new FaultInjection();
        var log = new RequestLog(ContractLog.Create(options.ContractLog));
        var graphRouter = new GraphRouter();
        var graphVariants = new GraphVariants();
        using var acsTokens = new AcsTokenIssuer(issued);
        var acsIdentities = new AcsIdentityStore(fixtures, acsTokens, clock);
        var middleware = new EmulatorMiddleware(faults, log, clock, server);
        var contractVariant = new ContractVariant();
        if (contractVariant.LoadStartup(options.ContractVariant) is { } variantError)
        {
            await Console.Error.WriteLineAsync(variantError).ConfigureAwait(false);
            return 2;
        }

        ServiceClassifier.AcsPorts = acsEndpoints;
        middleware.AcsHandler = new AcsApi(fixtures, new AcsAuthenticator(validator, clock), acsIdentities, validator, acsEndpoints).HandleAsync;
        app.Use((context, next) =>
        {
            if (!context.Request.IsHttps && !context.Request.Path.StartsWithSegments(ManagedIdentityEndpoint.ImdsPath, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = 404;
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.Use(middleware.InvokeAsync);
        app.Use(contractVariant.InvokeAsync);
        tokenEndpoint.Map(app);
        new DeviceCodeEndpoint(fixtures, clock, server, deviceCodes).Map(app);
        new DiscoveryEndpoints(fixtures, clock, server, issuer).Map(app);
        new ManagedIdentityEndpoint(fixtures, tokens).Map(app);
        new GraphApi(validator, fixtures, server, clock, teamsPolicies, onlineMeetings, graphRouter, graphVariants).Map(app);
        new GraphBatch(validator, graphRouter, faults, log, clock).Map(app);
        new TeamsAdminApi(validator, fixtures, teamsPolicies).Map(app);
        new ArmApi(validator, fixtures, server).Map(app);
        var purviewBehavior = new PurviewBehavior();
        new PurviewApi(validator, fixtures, purviewBehavior).Map(app);
        purviewBehavior.Map(app);
        new AcsControlApi(fixtures, acsIdentities, acsTokens).Map(app);
        new MeetingControlApi(fixtures, onlineMeetings).Map(app);
        new TeamsControlApi(fixtures, teamsPolicies).Map(app);
        new GraphControlApi(graphVariants).Map(app);
        new ControlApi(fixtures, clock, server, issuer, deviceCodes, refreshTokens, tokenEndpoint, teamsPolicies, onlineMeetings, faults, log, issued, app.Lifetime, graphVariants).Map(app);
        contractVariant.Map(app);
        app.MapFallback(context => NotFoundAsync(context, clock, server));

        await app.StartAsync().ConfigureAwait(false);
        var acsPorts = acsListeners.Select(l => l.IPEndPoint!.Port).ToList();
        acsEndpoints.SetPorts(acsPorts);
        var imdsPort = imdsListener?.IPEndPoint?.Port;
        var port = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .Where(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
            .Select(a => (int?)new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).Port)
            .FirstOrDefault(p => !acsPorts.Contains(p!.Value))
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        server.BaseUrl = $"https://127.0.0.1:{port}";
        server.AcsEndpoints = acsEndpoints;
        if (imdsPort is { } imds)
        {
            server.ImdsUrl = $"http://127.0.0.1:{imds}";
        }

        if (options.ReadyFile is { } readyFile)
        {
            WriteReadyFile(readyFile, server, acsEndpoints);
        }

        await Console.Out.WriteLineAsync($"EMULATOR_READY {server.BaseUrl}").ConfigureAwait(false);
        await Console.Out.FlushAsync().ConfigureAwait(false);

        try
        {
            await app.WaitForShutdownAsync().ConfigureAwait(false);
        }
        finally
        {
            if (options.ReadyFile is { } readyFileToDelete)
            {
                TryDelete(readyFileToDelete);
            }
        }

        return 0;
    }

    public static int InitCa(string dir)
    {
        using X509Certificate2 ca = Certificates.EnsureCa(Path.GetFullPath(dir));
        Console.Out.WriteLine($"CA ready: {Path.Combine(Path.GetFullPath(dir), Certificates.CaCertFileName)} (bundle: {Path.Combine(Path.GetFullPath(dir), Certificates.BundleFileName)})");
        return 0;
    }

    private static Task NotFoundAsync(HttpContext context, EmulatorClock clock, ServerInfo server)
    {
        var a = RequestAnnotations.Get(context);
        var path = context.Request.Path.Value ?? "/";
        JsonNode body = a.Service switch
        {
            EmulatorService.Graph => GraphErrors.UnknownSegmentBody(context, clock),
            EmulatorService.Arm => ArmErrors.Body("InvalidResourceType", $"The resource type could not be found for path '{path}'."),
            EmulatorService.Teams => TeamsAdminApi.ErrorBody("NotFound", $"No Teams admin endpoint at '{path}'."),
            EmulatorService.Msi => ManagedIdentityEndpoint.ErrorBody(context, 404, $"No managed identity endpoint at '{path}'."),
            _ => EntraErrors.Body(context, new EntraError(404, "invalid_request", 900561, $"The endpoint '{path}' does not exist in the emulator."), server, clock),
        };
        return JsonResponses.WriteAsync(context, a.Service == EmulatorService.Graph ? 400 : 404, body);
    }

    private static void WriteReadyFile(string path, ServerInfo server, AcsEndpoints acs)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var json = new JsonObject
        {
            ["baseUrl"] = server.BaseUrl,
            ["pid"] = Environment.ProcessId,
            ["caFile"] = server.CaFile,
            ["bundleFile"] = server.BundleFile,
            ["acsEndpoints"] = acs.ToJson(),
            ["imdsUrl"] = server.ImdsUrl,
        }.ToJsonString();
        var temp = full + ".tmp";
        File.WriteAllText(temp, json);
        File.Move(temp, full, overwrite: true);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a stale ready file only means the next start overwrites it.
        }
    }
}
