using System.Collections.Concurrent;

namespace AcsTeamsSecurity.Emulator.Control;

/// <summary>
/// Every access and refresh token the emulator has issued, so leak tests can search the module's output
/// streams, transcripts and files for them. Test-only by nature: no real service exposes this.
/// Bounded so long soak runs do not grow without limit.
/// </summary>
internal sealed class IssuedSecrets
{
    private const int Capacity = 20_000;
    private readonly ConcurrentQueue<string> _values = new();

    public void Add(string value)
    {
        _values.Enqueue(value);
        while (_values.Count > Capacity && _values.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<string> Snapshot() => [.. _values];

    public void Clear() => _values.Clear();
}
