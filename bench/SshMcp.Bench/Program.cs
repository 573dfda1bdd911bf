using SshMcp.Bench;

// dotnet run -c Release --project bench/SshMcp.Bench [-- --smoke] [-- --out FILE] [-- --only audit|runs]
// --null-server: this binary as a do-nothing MCP stdio server, the floor of the cold-start measurement.
if (args.Contains(NullServer.Switch))
{
    await NullServer.RunAsync();
    return 0;
}

return await BenchRunner.RunAsync(BenchSettings.Parse(args));
