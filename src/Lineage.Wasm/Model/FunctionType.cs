// SPDX-License-Identifier: Apache-2.0

using System.Collections.Immutable;

namespace Lineage.Wasm.Model;

/// <summary>A function signature <c>[parameters] → [results]</c>. Equality is structural.</summary>
public sealed class FunctionType : IEquatable<FunctionType>
{
    /// <summary>Creates a function type.</summary>
    public FunctionType(ImmutableArray<ValueType> parameters, ImmutableArray<ValueType> results)
    {
        Parameters = parameters.IsDefault ? [] : parameters;
        Results = results.IsDefault ? [] : results;
    }

    /// <summary>The parameter types, in order.</summary>
    public ImmutableArray<ValueType> Parameters { get; }

    /// <summary>The result types, in order.</summary>
    public ImmutableArray<ValueType> Results { get; }

    /// <inheritdoc/>
    public bool Equals(FunctionType? other) =>
        other is not null && Parameters.AsSpan().SequenceEqual(other.Parameters.AsSpan())
        && Results.AsSpan().SequenceEqual(other.Results.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FunctionType);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var type in Parameters)
        {
            hash.Add(type);
        }

        hash.Add(0);
        foreach (var type in Results)
        {
            hash.Add(type);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"[{string.Join(' ', Parameters.Select(ValueTypes.Name))}] -> [{string.Join(' ', Results.Select(ValueTypes.Name))}]";
}
