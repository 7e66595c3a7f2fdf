using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using EngagementPortal.Core.Collation;

namespace EngagementPortal.Bench.Collation;

/// <summary>
/// Listens to the collation's phases (<see cref="CollationTrace"/>) and adds up each one's wall time and the CPU time of
/// the thread that ran it (a phase runs on one thread; questions run in parallel, so their wall times overlap and add
/// up to more than the run's).
/// </summary>
internal sealed partial class PhaseClock : IDisposable
{
    private readonly ActivityListener listener;
    private readonly Dictionary<string, (int Count, TimeSpan Wall, TimeSpan Cpu)> totals = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public PhaseClock()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CollationTrace.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity => activity.SetCustomProperty("cpu", ThreadCpu()),
            ActivityStopped = activity =>
            {
                var cpu = ThreadCpu() - (TimeSpan)activity.GetCustomProperty("cpu")!;
                lock (gate)
                {
                    var (count, wall, spent) = totals.GetValueOrDefault(activity.OperationName);
                    totals[activity.OperationName] = (count + 1, wall + activity.Duration, spent + cpu);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>The phases seen since the last call, in order of CPU spent, then forgets them.</summary>
    public string Take()
    {
        lock (gate)
        {
            var text = string.Join("; ", totals.OrderByDescending(p => p.Value.Cpu).Select(p =>
                string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.Cpu.TotalSeconds:F2} s CPU / {p.Value.Wall.TotalSeconds:F2} s wall ({p.Value.Count}x)")));
            totals.Clear();
            return "phase clock (thread CPU): " + text;
        }
    }

    public void Dispose() => listener.Dispose();

    private static TimeSpan ThreadCpu()
    {
        // CLOCK_THREAD_CPUTIME_ID: this thread's CPU, whatever else the machine runs.
        if (!OperatingSystem.IsLinux() || ClockGetTime(3, out var spec) != 0)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromTicks((spec.Seconds * TimeSpan.TicksPerSecond) + (spec.Nanoseconds / 100));
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec spec);
}
