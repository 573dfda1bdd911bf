using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SshMcp.Server.Elicitation;

/// <summary>
/// Over stdio the server has no HTTP endpoint of its own, so the page gets a loopback listener: a bare Kestrel (no
/// configuration, no logging of its own) started when the first prompt needs an address and stopped once no prompt
/// has been open for <see cref="ElicitationOptions.IdleSeconds"/>. The person is at this machine, so loopback is all.
/// </summary>
internal sealed class LoopbackSecretPageHost : ISecretPageHost, IAsyncDisposable
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(5);

    private readonly SecretPageEndpoints _endpoints;
    private readonly SecretInbox _inbox;
    private readonly ElicitationOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ITimer _idle;
    private WebApplication? _app;
    private Uri? _address;

    public LoopbackSecretPageHost(SecretPageEndpoints endpoints, SecretInbox inbox, IOptions<ElicitationOptions> options, TimeProvider time, ILogger<LoopbackSecretPageHost> logger)
    {
        _endpoints = endpoints;
        _inbox = inbox;
        _options = options.Value;
        _logger = logger;
        _idle = time.CreateTimer(static state => _ = ((LoopbackSecretPageHost)state!).StopIfIdleAsync(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _inbox.Changed += OnInboxChanged;
    }

    public bool CanServeCurrentCaller => true;

    public async ValueTask<Uri> BaseAddressAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_app is null || _address is null)
            {
                var app = Build();
                await app.StartAsync(cancellationToken);
                _app = app;
                _address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
                ElicitationLog.ListenerStarted(_logger, _address.ToString());
            }

            OnInboxChanged();
            return _address;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _inbox.Changed -= OnInboxChanged;
        await _idle.DisposeAsync();
        await _gate.WaitAsync();
        try
        {
            await StopAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private WebApplication Build()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, _options.ListenerPort);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = SecretPageEndpoints.MaxBodyBytes + 1;
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        _endpoints.Map(app);
        return app;
    }

    /// <summary>An open prompt keeps the listener; the last one to leave starts the idle clock.</summary>
    private void OnInboxChanged() =>
        _idle.Change(_inbox.Count == 0 ? _options.Idle : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private async Task StopIfIdleAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_inbox.Count == 0 && _app is not null)
            {
                await StopAsync();
                ElicitationLog.ListenerStopped(_logger, (long)_options.Idle.TotalSeconds);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // A listener that does not stop cleanly is dropped all the same; the next prompt starts a new one.
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            _address = null;
            // A browser's keep-alive connection would otherwise hold the stop for the host's whole shutdown timeout.
            using var bound = new CancellationTokenSource(StopBound);
            await app.StopAsync(bound.Token);
            await app.DisposeAsync();
        }
    }
}
