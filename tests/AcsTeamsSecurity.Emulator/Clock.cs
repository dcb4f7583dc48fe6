namespace AcsTeamsSecurity.Emulator;

/// <summary>
/// The emulator's notion of "now". Every token issued and every token validated uses this clock, so tests can
/// expire tokens by moving it forward (<c>POST /_emulator/clock</c>) instead of sleeping.
/// </summary>
internal sealed class EmulatorClock
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow + Offset;

    public long UnixNow => UtcNow.ToUnixTimeSeconds();

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void SetOffset(TimeSpan offset) => Interlocked.Exchange(ref _offsetTicks, offset.Ticks);

    public void Reset() => SetOffset(TimeSpan.Zero);
}
