// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text.Json.Nodes;
using Lineage.Marine.AquaVm;
using Lineage.Marine.Config;
using Lineage.Marine.Hosting;
using Lineage.Marine.Tests.AquaVm;
using Lineage.Marine.Tests.Support;
using Lineage.TestKit.Marine;

// Marine/AquaVM figures against marine-js 0.13.0 on V8 (same avm.wasm, same inputs), printed as a table.
byte[] avmWasm = MarineHarness.AvmWasm();
int iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 30;
const int Rounds = 6;
using var process = Process.GetCurrentProcess();
Console.WriteLine($"{"figure",-50} {"Lineage",10} {"marine-js",10} {"ratio",7} {"CPU ours",9} {"CPU m-js",9} {"ratio",7}");

// 1. Cold load + first invoke (fresh instance, first relayTime step). Both processes are already running: the
//    figures are load + first call without the runtimes' own start-up.
string relayTime = File.ReadAllText(Path.Combine(TestPaths.AirScripts, "relayTime.air"));
byte[] noResults = AquaVmCodec.EncodeCallResults(new Dictionary<uint, AquaVmCallResult>());
TimeSpan coldCpu = Cpu();
var cold = Stopwatch.StartNew();
using (AquaVm first = AquaVm.Load(avmWasm))
{
    first.InvokeRaw(relayTime, default, default, ParticleLoop.Parameters(ParticleLoop.Client), noResults);
}

double coldMs = cold.Elapsed.TotalMilliseconds;
double coldCpuMs = (Cpu() - coldCpu).TotalMilliseconds;

// The reference starts only now, so its start-up (node, V8 compiling avm.wasm) does not share the cores with ours.
using var reference = new ReferenceAvm();
var refFirst = reference.Request(Invoke(relayTime, [], [], ParticleLoop.Client, noResults));
Row("cold load + first invoke (ms)", coldMs, reference.LoadMilliseconds + refFirst["ms"]!.GetValue<double>(),
    coldCpuMs, reference.LoadCpuMilliseconds + refFirst["cpu_ms"]!.GetValue<double>());

// 2. Per-invoke time on the demo scripts: every step of each particle, replayed with identical inputs, in rounds
//    of (3 warm-up + ITERATIONS) invokes per step on both sides. Round 1 is what a freshly loaded instance does
//    (ours is still tiering up: Tier0, then Tier1 and OSR); "steady" is the best of the later rounds.
using AquaVm avm = AquaVm.Load(avmWasm);
foreach (string script in new[] { "relayTime.air", "greetAll.air" })
{
    string air = File.ReadAllText(Path.Combine(TestPaths.AirScripts, script));
    var inputs = new List<(string Peer, byte[] Prev, byte[] Data, byte[] Results)>();
    new ParticleLoop(air, (a, peer, prev, data, results) =>
    {
        inputs.Add((peer, prev, data, results));
        return avm.InvokeRaw(a, prev, data, ParticleLoop.Parameters(peer), results);
    }).Run();
    var rounds = new List<(double Ours, double Theirs, double OursCpu, double TheirsCpu)>();
    for (int round = 0; round < Rounds; round++)
    {
        double ours = 0, theirs = 0, oursCpu = 0, theirsCpu = 0;
        foreach ((string peer, byte[] prev, byte[] data, byte[] results) in inputs)
        {
            for (int i = 0; i < 3; i++)
            {
                avm.InvokeRaw(air, prev, data, ParticleLoop.Parameters(peer), results);
            }

            TimeSpan cpu = Cpu();
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < iterations; i++)
            {
                avm.InvokeRaw(air, prev, data, ParticleLoop.Parameters(peer), results);
            }

            ours += sw.Elapsed.TotalMilliseconds / iterations;
            oursCpu += (Cpu() - cpu).TotalMilliseconds / iterations;
            (double ms, double cpuMs) = reference.BenchmarkInvoke(Invoke(air, prev, data, peer, results), iterations);
            theirs += ms;
            theirsCpu += cpuMs;
        }

        rounds.Add((ours / inputs.Count, theirs / inputs.Count, oursCpu / inputs.Count, theirsCpu / inputs.Count));
    }

    var firstRound = rounds[0];
    Row($"{script}: ms/invoke, round 1 ({inputs.Count} steps)", firstRound.Ours, firstRound.Theirs, firstRound.OursCpu, firstRound.TheirsCpu);
    var later = rounds.Skip(1).ToList();
    Row($"{script}: ms/invoke, steady (best of rounds 2-{Rounds})", later.Min(r => r.Ours), later.Min(r => r.Theirs),
        later.Min(r => r.OursCpu), later.Min(r => r.TheirsCpu));
}

// 3. One Marine call with a 1 KiB string argument and result (Rust module, hand-written ABI).
using (MarineService types = MarineService.Load(new MarineServiceConfig { Modules = [new MarineModuleConfig { Name = "types" }] }, _ => TestModules.Types))
{
    string text = new('x', 1024);
    object?[] callArgs = [text];
    const int calls = 50_000;
    double firstRound = 0, best = double.MaxValue, bestCpu = double.MaxValue;
    for (int round = 0; round < Rounds; round++)
    {
        TimeSpan cpu = Cpu();
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < calls; i++)
        {
            types.Call("echo_string", callArgs);
        }

        double us = sw.Elapsed.TotalMicroseconds / calls;
        double cpuUs = (Cpu() - cpu).TotalMicroseconds / calls;
        if (round == 0)
        {
            firstRound = us;
        }
        else
        {
            best = Math.Min(best, us);
            bestCpu = Math.Min(bestCpu, cpuUs);
        }
    }

    Console.WriteLine($"{"Marine call, 1 KiB string in+out (us), first 50k",-50} {firstRound,10:0.00}");
    Console.WriteLine($"{"Marine call, 1 KiB string in+out (us), steady",-50} {best,10:0.00} {"-",10} {"",7} {bestCpu,9:0.00}   (target <= 10 us)");
}

// 4. Memory of an idle pool of 4 instances.
GC.Collect();
GC.WaitForPendingFinalizers();
long before = Process.GetCurrentProcess().WorkingSet64;
long managedBefore = GC.GetTotalMemory(true);
using (AquaVmPool pool = AquaVmPool.Create(avmWasm, new AquaVmOptions { PoolSize = 4 }))
{
    await pool.RunAsync(vm => vm.Ast("(null)"), CancellationToken.None);
    GC.Collect();
    long after = Process.GetCurrentProcess().WorkingSet64;
    Console.WriteLine($"{"idle AquaVM pool of 4: working set (MiB)",-50} {(after - before) / 1048576.0,10:0.0} {"-",10}");
    Console.WriteLine($"{"idle AquaVM pool of 4: managed heap (MiB)",-50} {(GC.GetTotalMemory(true) - managedBefore) / 1048576.0,10:0.0} {"-",10}");
}

Console.WriteLine($"ratio = Lineage / marine-js (target <= 1.00x); CPU = process user + system ms; load average: {File.ReadAllText("/proc/loadavg")[..14]}");

TimeSpan Cpu()
{
    process.Refresh();
    return process.TotalProcessorTime;
}

static void Row(string name, double ours, double theirs, double oursCpu, double theirsCpu) =>
    Console.WriteLine($"{name,-50} {ours,10:0.000} {theirs,10:0.000} {ours / theirs,6:0.00}x {oursCpu,9:0.000} {theirsCpu,9:0.000} {oursCpu / theirsCpu,6:0.00}x");


static JsonObject Invoke(string air, byte[] prev, byte[] data, string peer, byte[] results)
{
    AquaVmRunParameters p = ParticleLoop.Parameters(peer);
    return new JsonObject
    {
        ["op"] = "invoke",
        ["air"] = air,
        ["prev_data"] = Convert.ToBase64String(prev),
        ["data"] = Convert.ToBase64String(data),
        ["call_results"] = Convert.ToBase64String(results),
        ["params"] = new JsonObject
        {
            ["init_peer_id"] = p.InitPeerId, ["current_peer_id"] = p.CurrentPeerId, ["timestamp"] = p.Timestamp, ["ttl"] = p.Ttl,
            ["key_format"] = p.KeyFormat, ["secret_key_bytes"] = Convert.ToBase64String(p.SecretKeyBytes.ToArray()),
            ["particle_id"] = p.ParticleId, ["air_size_limit"] = p.AirSizeLimit, ["particle_size_limit"] = p.ParticleSizeLimit,
            ["call_result_size_limit"] = p.CallResultSizeLimit, ["hard_limit_enabled"] = p.HardLimitEnabled,
        },
    };
}
