// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Storage;

namespace Lineage.Metadata.Service;

/// <summary>A <see cref="WriteWork"/> computing a <typeparamref name="T"/> that is published after the commit.</summary>
internal sealed class WriteWorkOf<T>(Func<ILineageWriteSession, CancellationToken, ValueTask<T>> run) : WriteWork
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override async ValueTask RunAsync(ILineageWriteSession session, CancellationToken cancellationToken) =>
        _result = await run(session, cancellationToken).ConfigureAwait(false);

    public override void Complete() => _completion.TrySetResult(_result!);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
