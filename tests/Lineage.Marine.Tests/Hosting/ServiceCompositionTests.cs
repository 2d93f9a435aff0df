// SPDX-License-Identifier: Apache-2.0

using Lineage.Marine.Config;
using Lineage.Marine.Hosting;
using Lineage.Marine.Tests.Support;
using Lineage.TestKit.Marine;
using Microsoft.Extensions.Logging;

namespace Lineage.Marine.Tests.Hosting;

/// <summary>Multi-module services, call parameters, logging and WASI sandboxing on real modules.</summary>
public sealed class ServiceCompositionTests
{
    [Fact]
    public void Facade_calls_its_dependency_by_module_name_with_values_copied_across_memories()
    {
        using MarineService service = Services.Load(("lib", TestModules.Lib), ("facade", TestModules.Facade));

        service.ModuleNames.Should().Equal("lib", "facade");
        service.Call("hello", [new[] { "alice", "bob" }]).Should().Be("Hello, alice! Hello, bob! (2 names)");
        service.Call("greet", ["direct"], module: "lib").Should().Be("Hello, direct!");
    }

    [Fact]
    public void A_dependency_must_be_loaded_before_the_module_importing_it()
    {
        FluentActions.Invoking(() => Services.Load(("facade", TestModules.Facade), ("lib", TestModules.Lib)))
            .Should().Throw<MarineLoadException>().WithMessage("module 'facade' imports 'lib.greet', but no module loaded before it is called 'lib'*");
    }

    [Fact]
    public void Call_parameters_reach_the_module_in_the_v3_layout()
    {
        using MarineService service = Services.Load(("host", TestModules.Host));
        var parameters = new MarineCallParameters(
            new MarineParticleParameters("particle-1", "12D3KooWinit", 1_700_000_000_123, 7000, "(null)", [1, 2, 255], "tok"),
            "svc-uuid", "12D3KooWowner", "12D3KooWhost", "12D3KooWworker",
            [[new MarineSecurityTetraplet("p1", "s1", "f1", ".$.a")], [], [new MarineSecurityTetraplet("p2", "s2", "f2", ""), new MarineSecurityTetraplet("p3", "", "", "")]]);

        service.Call("call_parameters", [], parameters).Should().Be(
            "id=particle-1 init=12D3KooWinit ts=1700000000123 ttl=7000 script=(null) sig=0102ff token=tok service=svc-uuid " +
            "creator=12D3KooWowner host=12D3KooWhost worker=12D3KooWworker tetraplets=[[p1/s1/f1/.$.a],[],[p2/s2/f2/,p3///]]");
        ((string?)service.Call("call_parameters", [])).Should().StartWith("id= init= ts=0 ttl=0");
    }

    [Fact]
    public void Call_parameters_reach_a_host_api_v1_module_in_the_v1_layout()
    {
        using MarineService service = Services.Load(("host_v1", TestModules.HostV1));
        var parameters = new MarineCallParameters(
            new MarineParticleParameters("particle-1", "12D3KooWinit", 1_700_000_000_123, 7000, "(null)", [1, 2, 255], "tok"),
            "svc-uuid", "12D3KooWowner", "12D3KooWhost", "12D3KooWworker",
            [[new MarineSecurityTetraplet("p1", "s1", "f1", ".$.a")], [], [new MarineSecurityTetraplet("p2", "s2", "f2", "")]]);

        service.Call("call_parameters", [], parameters).Should().Be(
            "init=12D3KooWinit service=svc-uuid creator=12D3KooWowner host=12D3KooWhost worker=12D3KooWworker particle=particle-1 " +
            "tetraplets=[[p1/s1/f1/.$.a],[],[p2/s2/f2/]]");
    }

    [Theory]
    [InlineData(true, 0, true)]
    [InlineData(false, 0, false)]
    [InlineData(true, 1, true)]
    public void Logging_is_gated_by_the_module_config(bool enabled, long mask, bool expectLine)
    {
        var logger = new CollectingLogger();
        var config = new MarineServiceConfig { Modules = [new MarineModuleConfig { Name = "host", LoggerEnabled = enabled, LoggingMask = mask }] };
        using MarineService service = Services.Load(config, [("host", TestModules.Host)], logger: logger);

        service.Call("log", [2, "disk almost full"]);

        logger.Lines.Any(l => l.Contains("disk almost full", StringComparison.Ordinal) && l.StartsWith("Warning", StringComparison.Ordinal))
            .Should().Be(expectLine);
    }

    [Fact]
    public void Wasi_sees_only_mapped_dirs_and_cannot_escape_them()
    {
        string root = Directory.CreateTempSubdirectory("marine-wasi-").FullName;
        try
        {
            string storage = Directory.CreateDirectory(Path.Combine(root, "storage")).FullName;
            File.WriteAllText(Path.Combine(root, "secret.txt"), "outside the sandbox");
            File.CreateSymbolicLink(Path.Combine(storage, "link"), "/etc/passwd");
            var config = new MarineServiceConfig
            {
                Modules =
                [
                    new MarineModuleConfig
                    {
                        Name = "wasi",
                        Wasi = new MarineWasiConfig
                        {
                            MappedDirs = new Dictionary<string, string> { ["/storage"] = storage },
                            Envs = new Dictionary<string, string> { ["GREETING"] = "hi" },
                        },
                    },
                ],
            };
            using MarineService service = Services.Load(config, [("wasi", TestModules.WasiEscape)]);

            service.Call("write", ["/storage/note.txt", "kept"]).Should().Be("ok");
            service.Call("read", ["/storage/note.txt"]).Should().Be("kept");
            File.ReadAllText(Path.Combine(storage, "note.txt")).Should().Be("kept");
            service.Call("env", ["GREETING"]).Should().Be("hi");
            ((string?)service.Call("read", ["/etc/passwd"])).Should().StartWith("error:");
            ((string?)service.Call("read", ["/storage/../secret.txt"])).Should().StartWith("error:");
            ((string?)service.Call("read", ["/storage/../../../../etc/passwd"])).Should().StartWith("error:");
            ((string?)service.Call("read", ["/storage/link"])).Should().StartWith("error:");
            ((string?)service.Call("write", ["/storage/../escaped.txt", "x"])).Should().StartWith("error:");
            File.Exists(Path.Combine(root, "escaped.txt")).Should().BeFalse();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class CollectingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add($"{logLevel} {formatter(state, exception)}");
            }
        }
    }
}
