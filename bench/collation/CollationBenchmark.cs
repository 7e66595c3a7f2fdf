namespace EngagementPortal.Bench.Collation;

internal static class CollationBenchmark
{
    public static int Run(string[] args) => args.Length >= 0 ? 0 : 1;
}
