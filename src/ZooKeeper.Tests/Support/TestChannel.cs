using System.Threading.Channels;

namespace KafkaAgent.ZooKeeper.Tests.Support;

/// <summary>Collects items from callbacks; tests await the next one with a timeout.</summary>
internal sealed class TestChannel<T>
{
    private readonly Channel<T> _items = Channel.CreateUnbounded<T>();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add(T item)
    {
        Interlocked.Increment(ref _count);
        _items.Writer.TryWrite(item);
    }

    public async Task<T> NextAsync() => await _items.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
}
