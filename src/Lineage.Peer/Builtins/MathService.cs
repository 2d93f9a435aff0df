// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;

namespace Lineage.Peer.Builtins;

/// <summary><c>Math("math")</c> and <c>Compare("cmp")</c> of aqua-lib with nox's integer semantics.</summary>
public sealed class MathService(string serviceId = "math") : IBuiltinService
{
    public string ServiceId => serviceId;

    public ValueTask<JsonNode?> CallAsync(BuiltinCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonNode? result = (serviceId, request.FunctionName) switch
        {
            ("math", "add") => JsonValue.Create(Checked(() => checked(request.Whole(0) + request.Whole(1)))),
            ("math", "sub") => JsonValue.Create(Checked(() => checked(request.Whole(0) - request.Whole(1)))),
            ("math", "mul") => JsonValue.Create(Checked(() => checked(request.Whole(0) * request.Whole(1)))),
            ("math", "fmul") => JsonValue.Create((long)Math.Floor(request.Real(0) * request.Real(1))),
            ("math", "div") => JsonValue.Create(NonZero(request, () => request.Whole(0) / request.Whole(1))),
            ("math", "rem") => JsonValue.Create(NonZero(request, () => request.Whole(0) % request.Whole(1))),
            ("math", "pow") => JsonValue.Create(Checked(() => Pow(request.Whole(0), request.Whole(1)))),
            ("math", "log") => JsonValue.Create(Log(request.Whole(0), request.Whole(1))),
            ("cmp", "gt") => JsonValue.Create(request.Whole(0) > request.Whole(1)),
            ("cmp", "gte") => JsonValue.Create(request.Whole(0) >= request.Whole(1)),
            ("cmp", "lt") => JsonValue.Create(request.Whole(0) < request.Whole(1)),
            ("cmp", "lte") => JsonValue.Create(request.Whole(0) <= request.Whole(1)),
            ("cmp", "cmp") => JsonValue.Create(request.Whole(0).CompareTo(request.Whole(1))),
            _ => throw new UnknownFunctionException(ServiceId, request.FunctionName),
        };
        return ValueTask.FromResult<JsonNode?>(result);
    }

    private static long Checked(Func<long> operation)
    {
        try
        {
            return operation();
        }
        catch (OverflowException)
        {
            throw new BuiltinException("integer overflow");
        }
    }

    private static long NonZero(BuiltinCall request, Func<long> operation) =>
        request.Whole(1) == 0 ? throw new BuiltinException("division by zero") : operation();

    private static long Pow(long value, long exponent)
    {
        if (exponent is < 0 or > uint.MaxValue)
        {
            throw new BuiltinException("pow: exponent must be a u32");
        }

        long result = 1;
        for (long i = 0; i < exponent; i++)
        {
            result = checked(result * value);
            if (result == 0 || result == 1)
            {
                break;
            }
        }

        return result;
    }

    private static long Log(long @base, long value)
    {
        if (@base < 2 || value < 1)
        {
            throw new BuiltinException("log: base must be >= 2 and the value >= 1");
        }

        long result = 0;
        while (value >= @base)
        {
            value /= @base;
            result++;
        }

        return result;
    }
}
