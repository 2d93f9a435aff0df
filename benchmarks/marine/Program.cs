// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text.Json.Nodes;
using Lineage.Marine.AquaVm;
using Lineage.Marine.Config;
using Lineage.Marine.Hosting;
using Lineage.Marine.Tests.AquaVm;
using Lineage.Marine.Tests.Support;

// Marine/AquaVM figures against marine-js 0.13.0 on V8 (same avm.wasm, same inputs), printed as a table.
byte[] avmWasm = MarineHarness.AvmWasm();
int iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 30;
using var reference = new ReferenceAvm();
Console.WriteLine($"{"figure",-44} {"Lineage",12} {"marine-js",12} {"ratio",7}");

// 1. Cold load + first invoke (fresh instance, first relayTime step).
string relayTime = File.ReadAllText(Path.Combine(TestPaths.AirScripts, "relayTime.air"));
byte[] noResults = AquaVmCodec.EncodeCallResults(new Dictionary<uint, AquaVmCallResult>());
var cold = Stopwatch.StartNew();
using (AquaVm first = AquaVm.Load(avmWasm))
{
    first.InvokeRaw(relayTime, default, default, ParticleLoop.Parameters(ParticleLoop.Client), noResults);
}

double coldMs = cold.Elapsed.TotalMilliseconds;
var refFirst = reference.Request(Invoke(relayTime, [], [], ParticleLoop.Client, noResults));
Row("cold load + first invoke (ms)", coldMs, reference.LoadMilliseconds + refFirst["ms"]!.GetValue<double>());

// 2. Per-invoke time on the demo scripts: every step of each particle, replayed with identical inputs.
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
    double ours = 0;
    double theirs = 0;
    foreach ((string peer, byte[] prev, byte[] data, byte[] results) in inputs)
    {
        for (int i = 0; i < 3; i++)
        {
            avm.InvokeRaw(air, prev, data, ParticleLoop.Parameters(peer), results);
        }

        var sw = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++)
        {
            avm.InvokeRaw(air, prev, data, ParticleLoop.Parameters(peer), results);
        }

        ours += sw.Elapsed.TotalMilliseconds / iterations;
        theirs += reference.BenchmarkInvoke(Invoke(air, prev, data, peer, results), iterations);
    }

    Row($"{script}: mean ms per invoke ({inputs.Count} steps)", ours / inputs.Count, theirs / inputs.Count);
}

// 3. One Marine call with a 1 KiB string argument and result (Rust module, hand-written ABI).
using (MarineService types = MarineService.Load(new MarineServiceConfig { Modules = [new MarineModuleConfig { Name = "types" }] }, _ => TestModules.Types))
{
    string text = new('x', 1024);
    object?[] callArgs = [text];
    for (int i = 0; i < 2000; i++)
    {
        types.Call("echo_string", callArgs);
    }

    const int calls = 50_000;
    var sw = Stopwatch.StartNew();
    for (int i = 0; i < calls; i++)
    {
        types.Call("echo_string", callArgs);
    }

    Console.WriteLine($"{"Marine call, 1 KiB string in and out (us)",-44} {sw.Elapsed.TotalMicroseconds / calls,12:0.00} {"-",12} {"target <= 10 us",7}");
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
    Console.WriteLine($"{"idle AquaVM pool of 4: working set (MiB)",-44} {(after - before) / 1048576.0,12:0.0} {"-",12}");
    Console.WriteLine($"{"idle AquaVM pool of 4: managed heap (MiB)",-44} {(GC.GetTotalMemory(true) - managedBefore) / 1048576.0,12:0.0} {"-",12}");
}

static void Row(string name, double ours, double theirs) =>
    Console.WriteLine($"{name,-44} {ours,12:0.000} {theirs,12:0.000} {ours / theirs,7:0.00}x");

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
