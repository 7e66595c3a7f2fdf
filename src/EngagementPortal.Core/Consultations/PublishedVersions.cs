using Microsoft.Extensions.Caching.Memory;

namespace EngagementPortal.Core.Consultations;

/// <summary>
/// Published consultation versions held in memory, so the public pages and every step of the responding journey
/// do not read and parse a whole version (an 11,000-word body, its questions) on each request. Which version is
/// current is still asked of the database every time; only the version's content is reused, keyed by everything
/// that can change it in place (content hash, demonstration shift, schedule, withdrawal), so a stale copy is never
/// served. Callers must treat the returned version as read-only: it is shared between requests.
/// </summary>
public sealed class PublishedVersions : IDisposable
{
    // Its own bounded cache, so no other user of a shared IMemoryCache has to give entry sizes.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 500 });

    private static readonly MemoryCacheEntryOptions Entry = new() { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 1 };

    internal sealed record Stamp(Guid Id, string ContentHash, int DemoShiftDays, DateTime? PublishAtUtc, DateTime? UnpublishAtUtc, DateTime? WithdrawnUtc);

    internal async Task<ConsultationVersion?> GetAsync(Stamp stamp, Func<Guid, Task<ConsultationVersion?>> load)
    {
        if (cache.TryGetValue(stamp, out ConsultationVersion? cached))
        {
            return cached;
        }

        var version = await load(stamp.Id);
        if (version is not null)
        {
            cache.Set(stamp, version, Entry);
        }

        return version;
    }

    /// <summary>The rendered body of a version, made once per version content.</summary>
    public string RenderedBody(ConsultationVersion version, Func<ConsultationVersion, string> render) =>
        cache.GetOrCreate(("body", version.Id, version.ContentHash), e =>
        {
            e.SetOptions(Entry);
            return render(version);
        })!;

    public void Dispose() => cache.Dispose();
}
