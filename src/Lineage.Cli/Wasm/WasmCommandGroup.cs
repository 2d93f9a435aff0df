// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Globalization;
using Lineage.Cli.Common;
using Lineage.Wasm.Binary;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;
using Lineage.Wasm.Text;
using Lineage.Wasm.Validation;
using Lineage.Wasm.Wasi;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Cli.Wasm;

/// <summary>
/// <c>lineage wasm run FILE.wasm</c>: runs a WASI command (<c>_start</c>) or one exported function on the runtime.
/// The module sees only what the options give it: its arguments, the <c>--env</c> variables and the
/// <c>--dir</c> directories. Whatever stops it (invalid module, trap, limit) is one line on stderr.
/// </summary>
internal sealed class WasmCommandGroup : ICommandGroup
{
    /// <summary>Exit code when the module could not be run: unreadable or invalid file, link error, bad arguments.</summary>
    public const int ExitCannotRun = 1;

    /// <summary>Exit code when <c>--timeout</c> or <c>--fuel</c> stopped the module (as <c>timeout(1)</c>).</summary>
    public const int ExitLimit = 124;

    /// <summary>Exit code when the module trapped (128 + SIGABRT, as a native program that aborts).</summary>
    public const int ExitTrap = 134;

    public Command Create()
    {
        var wasm = new Command("wasm", "WebAssembly: run modules on Lineage's runtime");
        wasm.Subcommands.Add(CreateRun());
        return wasm;
    }

    private static Command CreateRun()
    {
        var file = new Argument<string>("FILE.wasm") { Description = "The module: binary (.wasm) or text format (.wat)" };
        var arguments = new Argument<string[]>("ARGS")
        {
            Description = "Program arguments (after --), or the function's arguments with --invoke",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var invoke = new Option<string?>("--invoke")
        {
            Description = "Call this exported function with ARGS (parsed by its parameter types) and print its results, one per line, instead of running _start",
            HelpName = "NAME",
        };
        var dirs = new Option<string[]>("--dir")
        {
            Description = "Give the module the host directory HOST under the guest path GUEST (default: HOST); repeatable. Nothing else of the file system is reachable",
            HelpName = "HOST::GUEST",
        };
        var env = new Option<string[]>("--env")
        {
            Description = "Set an environment variable for the module (the host environment is not passed on); repeatable",
            HelpName = "K=V",
        };
        var fuel = new Option<long?>("--fuel")
        {
            Description = "Stop the module after N units of fuel (about one per instruction, counted deterministically)",
            HelpName = "N",
        };
        var timeout = new Option<double?>("--timeout")
        {
            Description = "Stop the module after this many seconds of wall time",
            HelpName = "SECONDS",
        };
        var run = new Command("run", $"""
            Run a WASI command's _start (or one exported function with --invoke) and exit with the module's exit code.
            Errors are one line on stderr; exit codes: {ExitCannotRun} the module could not be run (file, format, validation, link, arguments),
            {ExitLimit} --timeout or --fuel reached, {ExitTrap} the module trapped; otherwise the code the module exited with.
            Example: lineage wasm run app.wasm --dir ./data::/data --env MODE=test -- input.txt
            """);
        run.Arguments.Add(file);
        run.Arguments.Add(arguments);
        run.Options.Add(invoke);
        run.Options.Add(dirs);
        run.Options.Add(env);
        run.Options.Add(fuel);
        run.Options.Add(timeout);
        run.SetAction(parseResult => Run(new WasmRunRequest(
            parseResult.GetValue(file)!,
            parseResult.GetValue(arguments) ?? [],
            parseResult.GetValue(invoke),
            parseResult.GetValue(dirs) ?? [],
            parseResult.GetValue(env) ?? [],
            parseResult.GetValue(fuel),
            parseResult.GetValue(timeout))));
        return run;
    }

    private static int Run(WasmRunRequest request)
    {
        try
        {
            return Execute(request);
        }
        catch (WasmTrapException trap)
        {
            return ErrorLine.Fail(Describe(trap, request), trap.Code is TrapCode.OutOfFuel or TrapCode.DeadlineExceeded ? ExitLimit : ExitTrap);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or WasmFormatException
            or WatFormatException or WasmValidationException or WasmLinkException or WasmRunException)
        {
            string what = e switch
            {
                WasmFormatException => "invalid module: malformed: ",
                WatFormatException => "invalid module: malformed text: ",
                WasmValidationException => "invalid module: ",
                WasmLinkException => "cannot link the module: ",
                _ => "",
            };
            return ErrorLine.Fail(what + e.Message, ExitCannotRun);
        }
    }

    private static int Execute(WasmRunRequest request)
    {
        WasmModule module = WasmModule.Decode(ReadModule(request.File));
        if (request.Fuel is < 0)
        {
            throw new FormatException("--fuel must not be negative");
        }

        if (request.TimeoutSeconds is { } seconds && !(seconds > 0 && seconds <= TimeSpan.MaxValue.TotalSeconds / 2))
        {
            throw new FormatException("--timeout must be a positive number of seconds");
        }

        using var cancel = new CancellationTokenSource();
        using Stream stdin = Console.OpenStandardInput();
        using Stream stdout = Console.OpenStandardOutput();
        using Stream stderr = Console.OpenStandardError();
        using var wasi = new WasiContext(new WasiOptions
        {
            Arguments = [request.File, .. request.Invoke is null ? request.Arguments : []],
            Environment = [.. request.Environment.Select(ParseVariable)],
            Preopens = [.. request.Directories.Select(ParseDirectory)],
            Stdin = stdin,
            Stdout = stdout,
            Stderr = stderr,
            Cancellation = cancel.Token,
        });
        using var store = new WasmStore(new WasmStoreOptions { ConsumeFuel = request.Fuel is not null });
        if (request.Fuel is { } fuel)
        {
            store.Fuel = fuel;
        }

        if (request.TimeoutSeconds is { } timeout)
        {
            store.SetDeadline(TimeSpan.FromSeconds(timeout));
            cancel.CancelAfter(TimeSpan.FromSeconds(timeout));
        }

        WasmInstance instance = wasi.Instantiate(store, module);
        if (request.Invoke is null)
        {
            if (!instance.TryGetExport("_start", out object? start) || start is not WasmFunction)
            {
                throw new WasmRunException("the module exports no _start function (it is not a WASI command); call a function with --invoke NAME");
            }

            return wasi.Start(instance);
        }

        return Invoke(instance, wasi, request.Invoke, request.Arguments);
    }

    private static int Invoke(WasmInstance instance, WasiContext wasi, string name, string[] arguments)
    {
        if (!instance.TryGetExport(name, out object? export) || export is not WasmFunction function)
        {
            throw new WasmRunException($"the module exports no function '{name}'");
        }

        if (arguments.Length != function.Type.Parameters.Length)
        {
            throw new WasmRunException($"'{name}' has type {function.Type}: expected {function.Type.Parameters.Length} argument(s), got {arguments.Length}");
        }

        WasmValue[] values = [.. function.Type.Parameters.Select((type, i) => ParseValue(type, arguments[i], i))];
        try
        {
            // A WASI reactor is initialised once before its exports are used.
            if (name != "_initialize" && instance.TryGetExport("_initialize", out object? initialize) && initialize is WasmFunction init)
            {
                init.Invoke();
            }

            foreach (WasmValue result in function.Invoke(values))
            {
                Console.Out.WriteLine(FormatValue(result));
            }

            return 0;
        }
        catch (WasmTrapException trap) when (WasiContext.TryGetExitCode(trap, out int exitCode))
        {
            return exitCode;
        }
        finally
        {
            wasi.Flush();
            Console.Out.Flush();
        }
    }

    /// <summary>
    /// The module's binary encoding: a binary module as it is, a text-format module (a .wat file, or text that
    /// starts with <c>(</c> or a comment) assembled by <see cref="WatParser"/>.
    /// </summary>
    private static byte[] ReadModule(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WasmRunException($"cannot read '{path}': {e.Message}", e);
        }

        bool binary = bytes is [0x00, 0x61, 0x73, 0x6D, ..];
        ReadOnlySpan<byte> start = bytes.AsSpan().TrimStart(" \t\r\n"u8);
        bool text = !binary && (path.EndsWith(".wat", StringComparison.OrdinalIgnoreCase) || start.StartsWith("("u8) || start.StartsWith(";;"u8));
        return text ? WatParser.ParseModule(bytes) : bytes;
    }

    private static string Describe(WasmTrapException trap, WasmRunRequest request) => trap.Code switch
    {
        TrapCode.OutOfFuel => $"the module ran out of fuel (--fuel {request.Fuel})",
        TrapCode.DeadlineExceeded => $"the module exceeded its time limit (--timeout {request.TimeoutSeconds?.ToString(CultureInfo.InvariantCulture)} s)",
        TrapCode.HostError => $"trap in a host function: {trap.InnerException?.Message ?? trap.Message}",
        _ => $"trap: {trap.Message}" + (trap.WasmFrames is [int function, ..] ? $" (in function {function})" : ""),
    };

    private static KeyValuePair<string, string> ParseVariable(string variable)
    {
        int split = variable.IndexOf('=', StringComparison.Ordinal);
        if (split <= 0)
        {
            throw new FormatException($"--env '{variable}' is not K=V");
        }

        return new(variable[..split], variable[(split + 1)..]);
    }

    private static WasiPreopen ParseDirectory(string mapping)
    {
        int split = mapping.IndexOf("::", StringComparison.Ordinal);
        string host = split < 0 ? mapping : mapping[..split];
        string guest = split < 0 ? mapping : mapping[(split + 2)..];
        if (host.Length == 0 || guest.Length == 0)
        {
            throw new FormatException($"--dir '{mapping}' is not HOST::GUEST");
        }

        if (!Directory.Exists(host))
        {
            throw new DirectoryNotFoundException($"--dir '{mapping}': '{host}' is not a directory");
        }

        return new WasiPreopen(guest, host);
    }

    private static WasmValue ParseValue(ValueType type, string text, int index)
    {
        const NumberStyles Integer = NumberStyles.AllowLeadingSign;
        CultureInfo invariant = CultureInfo.InvariantCulture;
        WasmValue? value = type switch
        {
            ValueType.I32 when int.TryParse(text, Integer, invariant, out int i) => WasmValue.FromI32(i),
            ValueType.I32 when uint.TryParse(text, Integer, invariant, out uint u) => WasmValue.FromI32((int)u),
            ValueType.I64 when long.TryParse(text, Integer, invariant, out long l) => WasmValue.FromI64(l),
            ValueType.I64 when ulong.TryParse(text, Integer, invariant, out ulong u) => WasmValue.FromI64((long)u),
            ValueType.F32 when SpecialFloat(text) is { } f => WasmValue.FromF32((float)f),
            ValueType.F32 when float.TryParse(text, NumberStyles.Float, invariant, out float f) => WasmValue.FromF32(f),
            ValueType.F64 when SpecialFloat(text) is { } d => WasmValue.FromF64(d),
            ValueType.F64 when double.TryParse(text, NumberStyles.Float, invariant, out double d) => WasmValue.FromF64(d),
            _ => null,
        };
        return value ?? throw new FormatException($"argument {index + 1} '{text}' is not a valid {ValueTypes.Name(type)}");
    }

    private static double? SpecialFloat(string text) => text.ToLowerInvariant() switch
    {
        "nan" => double.NaN,
        "inf" or "+inf" or "infinity" => double.PositiveInfinity,
        "-inf" or "-infinity" => double.NegativeInfinity,
        _ => null,
    };

    private static string FormatValue(WasmValue value) => value.Type switch
    {
        ValueType.I32 => value.I32.ToString(CultureInfo.InvariantCulture),
        ValueType.I64 => value.I64.ToString(CultureInfo.InvariantCulture),
        ValueType.F32 => float.IsFinite(value.F32) ? value.F32.ToString("R", CultureInfo.InvariantCulture) : FormatSpecial(value.F32),
        ValueType.F64 => double.IsFinite(value.F64) ? value.F64.ToString("R", CultureInfo.InvariantCulture) : FormatSpecial(value.F64),
        _ => value.ToString(),
    };

    private static string FormatSpecial(double value) => double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";

    private sealed record WasmRunRequest(
        string File, string[] Arguments, string? Invoke, string[] Directories, string[] Environment, long? Fuel, double? TimeoutSeconds);
}
