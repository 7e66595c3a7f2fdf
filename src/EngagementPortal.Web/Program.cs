using EngagementPortal.Web.Infrastructure;

var configuredRoot = Environment.GetEnvironmentVariable("Portal__Root");
var portalRoot = PortalRoot.Find(Directory.GetCurrentDirectory(), configuredRoot);
if (!Directory.Exists(Path.Combine(portalRoot, "umbraco")))
{
    portalRoot = PortalRoot.Find(AppContext.BaseDirectory, configuredRoot);
}

if (EngagementPortal.Web.Commands.PortalCommands.Recognises(args))
{
    Environment.ExitCode = await EngagementPortal.Web.Commands.PortalCommands.RunAsync(args, portalRoot, Console.Out, Console.Error);
    return;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings*.json are copied beside the app, so this works from any working directory, run or published.
    ContentRootPath = AppContext.BaseDirectory,
    WebRootPath = Path.Combine(portalRoot, "wwwroot"),
});
builder.AddPortal(portalRoot);

var app = builder.Build();
app.UsePortal();
await app.InitialisePortalAsync();
await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
