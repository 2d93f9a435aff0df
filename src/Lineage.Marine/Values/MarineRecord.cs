// SPDX-License-Identifier: Apache-2.0

using System.Collections;

namespace Lineage.Marine.Values;

/// <summary>
/// A record value: the record type's name and its field values in declaration order. Field values use the same
/// .NET representation as function arguments and results (see <see cref="MarineValues"/>).
/// </summary>
public sealed class MarineRecord : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _fields;

    public MarineRecord(string name, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Name = name;
        _fields = [.. fields];
    }

    public string Name { get; }

    public int Count => _fields.Length;

    public KeyValuePair<string, object?> this[int index] => _fields[index];

    /// <summary>The value of the field called <paramref name="field"/>.</summary>
    public object? this[string field]
    {
        get
        {
            foreach (KeyValuePair<string, object?> pair in _fields)
            {
                if (pair.Key == field)
                {
                    return pair.Value;
                }
            }

            throw new KeyNotFoundException($"record {Name} has no field '{field}'");
        }
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Name} {{ {string.Join(", ", _fields.Select(f => $"{f.Key} = {f.Value}"))} }}";
}
