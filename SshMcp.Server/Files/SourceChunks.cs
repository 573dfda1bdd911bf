using System.Buffers;
using System.Runtime.CompilerServices;

namespace SshMcp.Server.Files;

/// <summary>
/// Reads exactly <c>length</c> bytes of a write's source in chunks, each passed through the meter; a source that ends
/// early or has more throws <see cref="LocalSourceChangedException"/>. Each chunk is valid until the next is asked for.
/// </summary>
internal static class SourceChunks
{
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(
        Stream source, long length, int chunkBytes, TransferMeter meter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(chunkBytes);
        try
        {
            for (long done = 0; done < length;)
            {
                var want = (int)Math.Min(chunkBytes, length - done);
                var read = await source.ReadAtLeastAsync(buffer.AsMemory(0, want), want, throwOnEndOfStream: false, cancellationToken);
                meter.Add(buffer.AsSpan(0, read));
                if (read < want)
                {
                    throw new LocalSourceChangedException();
                }

                yield return buffer.AsMemory(0, read);
                done += read;
            }

            if (await source.ReadAsync(buffer.AsMemory(0, 1), cancellationToken) > 0)
            {
                throw new LocalSourceChangedException();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
