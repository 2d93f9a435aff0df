// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Marine.Config;
using Lineage.Marine.Hosting;
using Lineage.Marine.Tests.Support;
using Lineage.TestKit.Marine;

namespace Lineage.Marine.Tests.Hosting;

/// <summary>Hostile modules fail with a clear error, and the host (and the same service) keeps serving.</summary>
public sealed class HostileModuleTests
{
    private static MarineService Hostile(string memoryLimit = "64 MiB", double timeoutSeconds = 2) => Services.Load(
        new MarineServiceConfig
        {
            TotalMemoryLimit = JsonSerializer.SerializeToElement(memoryLimit),
            Modules = [new MarineModuleConfig { Name = "hostile" }, new MarineModuleConfig { Name = "types" }],
            Facade = "hostile",
        },
        [("hostile", TestModules.Hostile), ("types", TestModules.Types)],
        new MarineHostOptions { CallTimeout = TimeSpan.FromSeconds(timeoutSeconds) });

    [Fact]
    public void Allocating_beyond_the_memory_limit_fails_and_the_service_recovers()
    {
        using MarineService service = Hostile();

        FluentActions.Invoking(() => service.Call("hoard", []))
            .Should().Throw<MarineCallException>().WithMessage("call to 'hostile.hoard' trapped*memory limit of 67108864 bytes*");
        service.Call("echo_string", ["still serving"], module: "types").Should().Be("still serving");
    }

    [Fact]
    public void An_infinite_loop_is_interrupted_at_the_time_limit()
    {
        using MarineService service = Hostile(timeoutSeconds: 1);

        FluentActions.Invoking(() => service.Call("spin", [1]))
            .Should().Throw<MarineCallException>().WithMessage("call to 'hostile.spin' was interrupted: it exceeded its time limit of 1 s*");
        service.Call("echo_u8", [(byte)7], module: "types").Should().Be((byte)7);
    }

    [Fact]
    public async Task Cancelling_a_call_interrupts_it()
    {
        using MarineService service = Hostile(timeoutSeconds: 60);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Func<Task> act = () => service.CallJsonAsync("spin", new System.Text.Json.Nodes.JsonArray(1), null, null, cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Theory]
    [InlineData("bad_pointer", "*broke the Marine ABI in 'bad_pointer': result: pointer 0xffffff00 with length 4096 is outside the module memory*")]
    [InlineData("bad_nested", "*broke the Marine ABI in 'bad_nested': result[0]: pointer 0x7ffffff0 with length 64 is outside the module memory*")]
    public void Out_of_bounds_result_pointers_are_refused(string function, string message)
    {
        using MarineService service = Hostile();

        FluentActions.Invoking(() => service.Call(function, []))
            .Should().Throw<MarineCallException>().WithMessage(message);
        service.Call("echo_string", ["ok"], module: "types").Should().Be("ok");
    }

    [Fact]
    public void A_mounted_binary_the_module_was_not_granted_is_refused_at_load()
    {
        FluentActions.Invoking(() => Services.Load(("mounted", TestModules.Mounted)))
            .Should().Throw<MarineLoadException>().WithMessage("module 'mounted' imports '__marine_host_api_v3.echo': mounted binary 'echo' is not granted to this module");
    }

    [Fact]
    public void A_mounted_binary_listed_by_the_module_but_not_allowed_by_the_node_is_refused()
    {
        var config = new MarineServiceConfig
        {
            Modules = [new MarineModuleConfig { Name = "mounted", MountedBinaries = new Dictionary<string, string> { ["echo"] = "/bin/echo" } }],
        };

        FluentActions.Invoking(() => Services.Load(config, [("mounted", TestModules.Mounted)]))
            .Should().Throw<MarineLoadException>().WithMessage("*mounted binary 'echo' = '/bin/echo' is not in the node's allowed binaries");
    }

    [Fact]
    public void A_granted_mounted_binary_runs_without_a_shell()
    {
        var config = new MarineServiceConfig
        {
            Modules = [new MarineModuleConfig { Name = "mounted", MountedBinaries = new Dictionary<string, string> { ["echo"] = "/bin/echo" } }],
        };
        using MarineService service = Services.Load(config, [("mounted", TestModules.Mounted)],
            new MarineHostOptions { AllowedMountedBinaries = new HashSet<string> { "/bin/echo" } });

        service.Call("run", [new[] { "a b", "$(id)", "; rm -rf /" }]).Should().Be("ret=0 out=a b $(id) ; rm -rf / err=");
    }
}
