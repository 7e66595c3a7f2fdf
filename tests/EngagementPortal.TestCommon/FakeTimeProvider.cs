namespace EngagementPortal.TestCommon;

/// <summary>A clock tests move by hand (Microsoft.Extensions.TimeProvider.Testing is not served here).</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    private readonly Lock _gate = new();

    public FakeTimeProvider()
        : this(new DateTimeOffset(2020, 12, 1, 10, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>When set, reading the clock throws it: a way to make any page fail part-way, as a crash would.</summary>
    public Exception? FailWith { get; set; }

    public override DateTimeOffset GetUtcNow()
    {
        if (FailWith is { } failure)
        {
            throw failure;
        }

        lock (_gate)
        {
            return _now;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            _now = value;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
