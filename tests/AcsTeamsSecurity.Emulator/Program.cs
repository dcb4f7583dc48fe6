using AcsTeamsSecurity.Emulator.Hosting;

// AcsTeamsSecurity cloud emulator: Entra token service, managed identity, Graph, Teams admin API, ARM and the ACS
// identity data plane on one local HTTPS port. See docs/EMULATOR.md.
var options = CommandLineOptions.Parse(args, out var error);
if (error is not null)
{
    await Console.Error.WriteLineAsync(error + Environment.NewLine + CommandLineOptions.Usage).ConfigureAwait(false);
    return 2;
}

if (options.InitCaDir is { } initDir)
{
    return EmulatorHost.InitCa(initDir);
}

return await EmulatorHost.RunAsync(options).ConfigureAwait(false);
