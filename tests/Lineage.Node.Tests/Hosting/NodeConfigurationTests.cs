// SPDX-License-Identifier: Apache-2.0

using Lineage.Node.Hosting;
using Microsoft.Extensions.Logging;

namespace Lineage.Node.Tests.Hosting;

public sealed class NodeConfigurationTests
{
    private static readonly Dictionary<string, string?> s_noFlags = [];

    [Fact]
    public void Defaults_apply_without_any_source()
    {
        NodeOptions options = NodeConfiguration.Load(null, new Dictionary<string, string>(), s_noFlags);
        options.DataDir.Should().Be("./data");
        options.Http.Should().Be("127.0.0.1:8080");
        options.CorsOrigins.Should().Be("*");
    }

    [Fact]
    public void Flags_override_environment_which_overrides_the_config_file()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"dataDir": "/from/file", "http": "127.0.0.1:1", "logFormat": "json", "maxBatchSize": 7, "logLevel": "Debug"}""");
            var environment = new Dictionary<string, string>
            {
                ["LINEAGE_HTTP"] = "127.0.0.1:2",
                ["LINEAGE_MAX_BATCH_SIZE"] = "9",
                ["LINEAGE_SKIP_SETUP"] = "1",
                ["OTHER_HTTP"] = "ignored",
            };
            var flags = new Dictionary<string, string?> { ["DataDir"] = "/from/flag" };
            NodeOptions options = NodeConfiguration.Load(file, environment, flags);
            options.DataDir.Should().Be("/from/flag");
            options.Http.Should().Be("127.0.0.1:2");
            options.MaxBatchSize.Should().Be(9);
            options.LogFormat.Should().Be("json");
            options.LogLevel.Should().Be(LogLevel.Debug);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("Http", "localhost", "HOST:PORT")]
    [InlineData("Http", "127.0.0.1:99999", "port")]
    [InlineData("Http", "::1:80", "brackets")]
    [InlineData("Http", "example.com:80", "IP address")]
    [InlineData("LogFormat", "xml", "log format")]
    [InlineData("MaxBatchSize", "0", "batch")]
    [InlineData("MaxBatchSize", "many", "many")]
    public void Bad_values_give_one_line_errors(string key, string value, string mention)
    {
        Action load = () => NodeConfiguration.Load(null, new Dictionary<string, string>(), new Dictionary<string, string?> { [key] = value });
        load.Should().Throw<NodeConfigurationException>().Which.Message.Should().Contain(mention).And.NotContain("\n");
    }

    [Fact]
    public void Missing_config_file_is_an_error()
    {
        Action load = () => NodeConfiguration.Load("/nonexistent/lineage.json", new Dictionary<string, string>(), s_noFlags);
        load.Should().Throw<NodeConfigurationException>().WithMessage("*does not exist*");
    }

    [Theory]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("[::1]:8080", "::1", 8080)]
    [InlineData("0.0.0.0:80", "0.0.0.0", 80)]
    public void Host_port_parses(string text, string host, int port)
    {
        HostPort parsed = HostPort.Parse(text);
        parsed.Host.Should().Be(host);
        parsed.Port.Should().Be(port);
    }
}
