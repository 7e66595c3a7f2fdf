using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace EngagementPortal.Core.Collation;

// TEMPORARY profiling aid (removed before commit): thread CPU time per phase, summed.
public static class PhaseClock
{
    public static readonly ConcurrentDictionary<string, long> Totals = new();

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Sec; public long Nsec; }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec ts);

    public static long Now()
    {
        ClockGetTime(3, out var ts);
        return (ts.Sec * 1_000_000_000L) + ts.Nsec;
    }

    public static void Add(string phase, long start) => Totals.AddOrUpdate(phase, Now() - start, (_, v) => v + (Now() - start));

    public static string Report()
    {
        var s = string.Join("\n", Totals.OrderBy(p => p.Key).Select(p => $"  {p.Key}: {p.Value / 1e9:F3} s"));
        Totals.Clear();
        return s;
    }
}
