using Microsoft.Data.Sqlite;

// One POST, one INSERT of about the size the portal stores for a response (the row, its answers and the
// receipt), on a WAL-mode SQLite file with the same durability as the portal (synchronous=FULL).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var file = app.Configuration["Database"] ?? Path.Combine(Path.GetTempPath(), "baseline.db");
var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();
using (var setup = new SqliteConnection(connectionString))
{
    setup.Open();
    using var command = setup.CreateCommand();
    command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS rows (id TEXT PRIMARY KEY, reference TEXT UNIQUE, payload TEXT NOT NULL, created TEXT NOT NULL);";
    command.ExecuteNonQuery();
}

var payload = new string('x', int.Parse(app.Configuration["PayloadBytes"] ?? "4096", System.Globalization.CultureInfo.InvariantCulture));
long counter = 0;
app.MapPost("/baseline", async (HttpRequest request) =>
{
    var form = await request.ReadFormAsync();
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "INSERT INTO rows (id, reference, payload, created) VALUES ($id, $reference, $payload, $created)";
    command.Parameters.AddWithValue("$id", Guid.NewGuid().ToString());
    command.Parameters.AddWithValue("$reference", "B-" + Interlocked.Increment(ref counter).ToString(System.Globalization.CultureInfo.InvariantCulture));
    command.Parameters.AddWithValue("$payload", payload + form.Count);
    command.Parameters.AddWithValue("$created", DateTime.UtcNow.ToString("O"));
    await command.ExecuteNonQueryAsync();
    return Results.Redirect("/baseline/done", permanent: false, preserveMethod: false);
});
app.MapGet("/baseline/count", () =>
{
    using var connection = new SqliteConnection(connectionString);
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT COUNT(*) FROM rows";
    return Results.Text(Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
});
app.Run();
