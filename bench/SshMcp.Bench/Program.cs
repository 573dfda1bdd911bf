using SshMcp.Bench;

// dotnet run -c Release --project bench/SshMcp.Bench [-- --smoke] [--out FILE] [--baseline OTHER/SshMcp.Server.dll] [--no-cluster] [--only audit|runs|files|cluster|baseline]
// --null-server: this binary as a do-nothing MCP stdio server, the floor of the cold-start measurement.
if (args.Contains(NullServer.Switch))
{
    await NullServer.RunAsync();
    return 0;
}

return await BenchRunner.RunAsync(BenchSettings.Parse(args));
