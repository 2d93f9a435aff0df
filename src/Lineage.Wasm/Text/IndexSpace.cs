// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Text;

/// <summary>One index space of a module (functions, tables, ...): its size and the indices of its identifiers.</summary>
internal sealed class IndexSpace(string kind)
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    /// <summary>The singular name used in errors ("func", "table", ...).</summary>
    public string Kind { get; } = kind;

    public int Count { get; private set; }

    /// <summary>Appends an entry; false when <paramref name="id"/> is already bound.</summary>
    public bool TryAdd(string? id, out int index)
    {
        index = Count;
        if (id is not null && !_ids.TryAdd(id, index))
        {
            return false;
        }

        Count++;
        return true;
    }

    public bool TryResolve(string id, out int index) => _ids.TryGetValue(id, out index);
}
