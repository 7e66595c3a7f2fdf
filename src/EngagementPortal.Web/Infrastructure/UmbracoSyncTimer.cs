using EngagementPortal.Core.Content;
using EngagementPortal.Core.Content.Umbraco;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Infrastructure;

/// <summary>
/// Runs <see cref="UmbracoSyncJob"/> at start and then every Content:Umbraco:SyncEvery, when Content:Source is
/// UmbracoDelivery and Jobs:Enabled is not false. A stand-in until the scheduler (Quartz) runs the job: this file is
/// the only place that knows, so the swap is deleting it and its one registration in <see cref="PortalWebServices"/>.
/// </summary>
public sealed partial class UmbracoSyncTimer(
    IServiceScopeFactory scopes,
    IOptions<ContentOptions> content,
    IOptions<UmbracoDeliveryOptions> umbraco,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<UmbracoSyncTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!content.Value.IsUmbraco || !configuration.GetValue("Jobs:Enabled", true))
        {
            return;
        }

        using var timer = new PeriodicTimer(umbraco.Value.SyncEvery, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<UmbracoSyncJob>().ExecuteAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Expected failures are recorded by the sync itself; this is the unexpected kind, and the next tick tries again.
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled Umbraco sync failed unexpectedly")]
    private partial void LogFailed(Exception exception);
}
