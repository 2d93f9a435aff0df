// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Lineage.Wasm.Binary;
using Lineage.Wasm.Text;
using Lineage.Wasm.Validation;

namespace Lineage.Wasm.SpecTests.Harness;

/// <summary>
/// Executes every command of a wast2json script against an <see cref="ISpecEngine"/>. Each command is isolated: any
/// exception is caught and recorded as that command's failure, so one broken command never stops the file.
/// </summary>
public sealed class SpecScriptRunner(Func<ISpecEngine> createEngine)
{
    public SpecFileResult Run(string folder, string name)
    {
        var result = new SpecFileResult(name);
        var json = Path.Combine(folder, name + ".json");
        if (!File.Exists(json))
        {
            result.Fail(0, "convert", "wast2json produced no JSON for this file");
            return result;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(json));
        using var engine = createEngine();
        foreach (var command in document.RootElement.GetProperty("commands").EnumerateArray())
        {
            var type = command.GetProperty("type").GetString()!;
            var line = command.GetProperty("line").GetInt32();
            try
            {
                var outcome = Execute(engine, folder, command, type, result);
                if (outcome is null)
                {
                    result.Passed++;
                }
                else if (outcome.Length > 0)
                {
                    result.Fail(line, type, outcome);
                }
            }
            catch (NotSupportedException)
            {
                // The engine cannot execute code: a failure, counted apart so real failures stay visible.
                result.Failed++;
                result.NotExecuted++;
            }
#pragma warning disable CA1031 // every command is isolated: whatever it throws is that command's failure
            catch (Exception e)
#pragma warning restore CA1031
            {
                result.Fail(line, type, $"{e.GetType().Name}: {e.Message}");
            }
        }

        return result;
    }

    /// <summary>Runs one command: null = passed, "" = not counted, otherwise the failure reason.</summary>
    private static string? Execute(ISpecEngine engine, string folder, JsonElement command, string type, SpecFileResult result)
    {
        switch (type)
        {
            case "module":
            {
                var name = command.TryGetProperty("name", out var n) ? n.GetString() : null;
                engine.Instantiate(ReadModule(folder, command), name);
                return null;
            }

            case "register":
            {
                var name = command.TryGetProperty("name", out var n) ? n.GetString() : null;
                engine.Register(name, command.GetProperty("as").GetString()!);
                return null;
            }

            case "action":
                RunAction(engine, command.GetProperty("action"));
                return null;
            case "assert_return":
            {
                var actual = RunAction(engine, command.GetProperty("action"));
                var expected = command.GetProperty("expected");
                if (actual.Count != expected.GetArrayLength())
                {
                    return $"expected {expected.GetArrayLength()} results, got {actual.Count}";
                }

                var i = 0;
                foreach (var e in expected.EnumerateArray())
                {
                    if (!Matches(e, actual[i]))
                    {
                        return $"result {i}: expected {e}, got {actual[i]}";
                    }

                    i++;
                }

                return null;
            }

            case "assert_trap":
            case "assert_exhaustion":
            {
                var text = command.GetProperty("text").GetString()!;
                try
                {
                    var actual = RunAction(engine, command.GetProperty("action"));
                    return $"expected trap \"{text}\", returned [{string.Join(", ", actual)}]";
                }
                catch (SpecTrapException trap)
                {
                    return TrapMatches(trap.Message, text) ? null : $"expected trap \"{text}\", trapped \"{trap.Message}\"";
                }
            }

            case "assert_malformed":
            case "assert_invalid":
            {
                var text = command.GetProperty("text").GetString()!;
                byte[] bytes;
                if (command.GetProperty("module_type").GetString() == "text")
                {
                    // wast2json writes modules that are malformed in the text syntax (module quote) as .wat.
                    result.TextModules++;
                    try
                    {
                        bytes = WatParser.ParseModule(ReadModule(folder, command));
                    }
                    catch (WatFormatException e) when (type == "assert_malformed")
                    {
                        NoteMessage(result, command, text, e.Reason);
                        return null;
                    }
                    catch (WatFormatException e)
                    {
                        return $"rejected by the text parser: {e.Message} (expected invalid: \"{text}\")";
                    }
                }
                else
                {
                    bytes = ReadModule(folder, command);
                }

                try
                {
                    engine.Validate(bytes);
                    return $"module accepted, expected \"{text}\"";
                }
                catch (WasmFormatException e) when (type == "assert_malformed")
                {
                    NoteMessage(result, command, text, e.Reason);
                    return null;
                }
                catch (WasmValidationException e) when (type == "assert_invalid")
                {
                    NoteMessage(result, command, text, e.Reason);
                    return null;
                }
                catch (Exception e) when (e is WasmFormatException or WasmValidationException)
                {
                    return $"rejected in the wrong phase: {e.GetType().Name}: {e.Message} (expected \"{text}\")";
                }
            }

            case "assert_unlinkable":
            {
                var text = command.GetProperty("text").GetString()!;
                try
                {
                    engine.Instantiate(ReadModule(folder, command), null);
                    return $"module linked, expected \"{text}\"";
                }
                catch (SpecLinkException)
                {
                    return null;
                }
            }

            case "assert_uninstantiable":
            {
                var text = command.GetProperty("text").GetString()!;
                try
                {
                    engine.Instantiate(ReadModule(folder, command), null);
                    return $"module instantiated, expected trap \"{text}\"";
                }
                catch (SpecTrapException trap)
                {
                    return TrapMatches(trap.Message, text) ? null : $"expected trap \"{text}\", trapped \"{trap.Message}\"";
                }
            }

            default:
                return $"unknown command type {type}";
        }
    }

    private static void NoteMessage(SpecFileResult result, JsonElement command, string expected, string actual)
    {
        if (!actual.StartsWith(expected, StringComparison.Ordinal) && !expected.StartsWith(actual, StringComparison.Ordinal))
        {
            result.MessageMismatches++;
            if (result.Mismatches.Count < 20)
            {
                result.Mismatches.Add($"line {command.GetProperty("line").GetInt32()}: expected \"{expected}\", got \"{actual}\"");
            }
        }
    }

    private static bool TrapMatches(string actual, string expected) =>
        actual.StartsWith(expected, StringComparison.Ordinal) || expected.StartsWith(actual, StringComparison.Ordinal);

    private static byte[] ReadModule(string folder, JsonElement command) =>
        File.ReadAllBytes(Path.Combine(folder, command.GetProperty("filename").GetString()!));

    private static IReadOnlyList<SpecValue> RunAction(ISpecEngine engine, JsonElement action)
    {
        var module = action.TryGetProperty("module", out var m) ? m.GetString() : null;
        var field = action.GetProperty("field").GetString()!;
        switch (action.GetProperty("type").GetString())
        {
            case "invoke":
            {
                var arguments = new List<SpecValue>();
                foreach (var argument in action.GetProperty("args").EnumerateArray())
                {
                    arguments.Add(ParseValue(argument));
                }

                return engine.Invoke(module, field, arguments);
            }

            case "get":
                return [engine.GetGlobal(module, field)];
            default:
                throw new InvalidOperationException("unknown action type");
        }
    }

    /// <summary>Parses an argument value: decimal bit patterns, v128 lanes, ref.null / ref.extern N.</summary>
    public static SpecValue ParseValue(JsonElement value)
    {
        var type = value.GetProperty("type").GetString()!;
        switch (type)
        {
            case "i32":
            case "f32":
            case "i64":
            case "f64":
                return new SpecValue(type, ulong.Parse(value.GetProperty("value").GetString()!, CultureInfo.InvariantCulture), 0, null);
            case "v128":
            {
                Span<byte> bytes = stackalloc byte[16];
                var laneType = value.GetProperty("lane_type").GetString()!;
                var lanes = value.GetProperty("value");
                var width = LaneWidth(laneType);
                var i = 0;
                foreach (var lane in lanes.EnumerateArray())
                {
                    var bits = ulong.Parse(lane.GetString()!, CultureInfo.InvariantCulture);
                    for (var b = 0; b < width; b++)
                    {
                        bytes[(i * width) + b] = (byte)(bits >> (8 * b));
                    }

                    i++;
                }

                return new SpecValue("v128", BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]), null);
            }

            case "externref":
            case "funcref":
            {
                var text = value.TryGetProperty("value", out var v) ? v.GetString() : null;
                if (text is null or "null")
                {
                    return new SpecValue(type, 0, 0, null);
                }

                return new SpecValue(type, 0, 0, new HostReference(ulong.Parse(text, CultureInfo.InvariantCulture)));
            }

            default:
                throw new InvalidOperationException($"unknown value type {type}");
        }
    }

    /// <summary>Whether an actual result matches an expected one (NaN patterns, lanes, references).</summary>
    public static bool Matches(JsonElement expected, SpecValue actual)
    {
        var type = expected.GetProperty("type").GetString()!;
        if (type != actual.Type)
        {
            return false;
        }

        switch (type)
        {
            case "i32":
                return (uint)actual.Bits == uint.Parse(expected.GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
            case "i64":
                return actual.Bits == ulong.Parse(expected.GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
            case "f32":
                return LaneMatches("f32", expected.GetProperty("value").GetString()!, actual.Bits & 0xFFFF_FFFF);
            case "f64":
                return LaneMatches("f64", expected.GetProperty("value").GetString()!, actual.Bits);
            case "v128":
            {
                var laneType = expected.GetProperty("lane_type").GetString()!;
                var width = LaneWidth(laneType);
                var i = 0;
                foreach (var lane in expected.GetProperty("value").EnumerateArray())
                {
                    var offset = i * width * 8;
                    var bits = offset < 64 ? actual.Bits >> offset : actual.HighBits >> (offset - 64);
                    if (width < 8)
                    {
                        bits &= (1UL << (width * 8)) - 1;
                    }

                    if (!LaneMatches(laneType, lane.GetString()!, bits))
                    {
                        return false;
                    }

                    i++;
                }

                return true;
            }

            case "funcref":
            case "externref":
            {
                var text = expected.TryGetProperty("value", out var v) ? v.GetString() : null;
                if (text == "null")
                {
                    return actual.Reference is null;
                }

                if (text is null)
                {
                    return actual.Reference is not null;
                }

                return Equals(actual.Reference, new HostReference(ulong.Parse(text, CultureInfo.InvariantCulture)));
            }

            default:
                return false;
        }
    }

    private static bool LaneMatches(string laneType, string expected, ulong bits)
    {
        switch (expected)
        {
            case "nan:canonical":
                return laneType == "f32" ? (bits & 0x7FFF_FFFF) == 0x7FC0_0000 : (bits & 0x7FFF_FFFF_FFFF_FFFF) == 0x7FF8_0000_0000_0000;
            case "nan:arithmetic":
                return laneType == "f32" ? (bits & 0x7FC0_0000) == 0x7FC0_0000 : (bits & 0x7FF8_0000_0000_0000) == 0x7FF8_0000_0000_0000;
            default:
                var value = ulong.Parse(expected, CultureInfo.InvariantCulture);
                var width = LaneWidth(laneType);
                var mask = width == 8 ? ulong.MaxValue : (1UL << (width * 8)) - 1;
                return (bits & mask) == (value & mask);
        }
    }

    private static int LaneWidth(string laneType) => laneType switch
    {
        "i8" => 1,
        "i16" => 2,
        "i32" or "f32" => 4,
        _ => 8,
    };
}
