using Microsoft.Extensions.Caching.Memory;

namespace EngagementPortal.Core.Consultations;

/// <summary>
/// Published consultation versions held in memory, so the public pages and every step of the responding journey
/// do not read and parse a whole version (an 11,000-word body, its questions) on each request. Content is keyed by
/// everything that can change it in place (content hash, demonstration shift, schedule, withdrawal), so a stale copy
/// is never served. Which versions are published under a slug (their stamps) is kept too, until this process saves a
/// change to a consultation (<see cref="ConsultationChangeSignal"/>) or, for changes made by another process, at most
/// <see cref="StampLifetime"/>; the schedule in the stamps is compared with the clock on every request
/// (docs/adr/0008). Callers must treat the returned version as read-only: it is shared between requests.
/// </summary>
public sealed class PublishedVersions : IDisposable
{
    // Its own bounded cache, so no other user of a shared IMemoryCache has to give entry sizes.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 500 });

    private static readonly MemoryCacheEntryOptions Entry = new() { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 1 };

    /// <summary>How long another process's change to a consultation can take to show here.</summary>
    public static readonly TimeSpan StampLifetime = TimeSpan.FromSeconds(2);

    private long generation;

    internal sealed record Stamp(Guid Id, string ContentHash, int DemoShiftDays, DateTime? PublishAtUtc, DateTime? UnpublishAtUtc, DateTime? WithdrawnUtc)
    {
        /// <summary>Inside its scheduled publish/unpublish instants (both optional): the same rule as the query's.</summary>
        public bool IsScheduledAt(DateTime now) => (PublishAtUtc is null || PublishAtUtc <= now) && (UnpublishAtUtc is null || now < UnpublishAtUtc);
    }

    private sealed record Stamps(long Generation, long LoadedAtTicks, IReadOnlyList<Stamp> Items);

    /// <summary>This process saved a change to a consultation or a version: forget every slug's stamps.</summary>
    public void ConsultationsChanged() => Interlocked.Increment(ref generation);

    /// <summary>The stamps of the versions published under <paramref name="slug"/>, from memory while fresh.</summary>
    internal async Task<IReadOnlyList<Stamp>> StampsAsync(string slug, Func<Task<List<Stamp>>> load)
    {
        // Real elapsed time, not the portal's TimeProvider: this is about other processes' writes, not the schedule.
        var nowTicks = Environment.TickCount64;
        var current = Interlocked.Read(ref generation);
        if (cache.TryGetValue(("stamps", slug), out Stamps? cached) && cached!.Generation == current
            && nowTicks - cached.LoadedAtTicks < StampLifetime.TotalMilliseconds)
        {
            return cached.Items;
        }

        // The generation is read before loading: a change saved during the load leaves this entry already stale.
        var items = await load();
        cache.Set(("stamps", slug), new Stamps(current, nowTicks, items), Entry);
        return items;
    }

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

    /// <summary>A rendered part of a published version (its body, its how-to-respond text), made once per content.</summary>
    public string Rendered(ConsultationVersion version, string part, Func<ConsultationVersion, string> render) =>
        cache.GetOrCreate((part, version.Id, version.ContentHash), e =>
        {
            e.SetOptions(Entry);
            return render(version);
        })!;

    public void Dispose() => cache.Dispose();
}
