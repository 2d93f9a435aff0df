// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Lineage.P2p.Multiaddresses;
using Lineage.TestKit;

namespace Lineage.P2p.Tests.Infrastructure;

/// <summary>
/// Drives the real js-libp2p peer (tests/harness/js-libp2p/peer.mjs) as a child process: JSON lines on stdout,
/// commands on stdin. The process dies with its stdin (<c>--exit</c>) and is killed on dispose.
/// </summary>
public sealed class JsPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<JsonElement> _events = [];
    private readonly List<(Func<JsonElement, bool> Match, TaskCompletionSource<JsonElement> Waiter)> _waiters = [];
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<JsonElement> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private JsPeer(Process process)
    {
        _process = process;
    }

    public static string HarnessDirectory => RepositoryPaths.Harness("js-libp2p");

    public JsonElement Info { get; private set; }

    public string PeerId => Info.GetProperty("peerId").GetString()!;

    public Multiaddr TcpAddress => Multiaddr.Parse(Info.GetProperty("multiaddrs").EnumerateArray().Select(e => e.GetString()!).First(a => !a.Contains("/ws", StringComparison.Ordinal)));

    public Multiaddr WsAddress => Multiaddr.Parse(Info.GetProperty("multiaddrs").EnumerateArray().Select(e => e.GetString()!).First(a => a.Contains("/ws", StringComparison.Ordinal)));

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static async Task<JsPeer> StartAsync(params string[] arguments)
    {
        string script = Path.Combine(HarnessDirectory, "peer.mjs");
        if (!Directory.Exists(Path.Combine(HarnessDirectory, "node_modules")))
        {
            throw new InvalidOperationException("tests/harness/js-libp2p/node_modules is missing: run scripts/setup.sh (npm ci)");
        }

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = HarnessDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add("--stdin");
        info.ArgumentList.Add("--exit");
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start node");
        var peer = new JsPeer(process);
        process.OutputDataReceived += (_, e) => peer.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (peer._stderr)
                {
                    peer._stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            peer.Info = await peer._listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            await peer.DisposeAsync();
            throw new InvalidOperationException("js peer did not start: " + peer.Stderr);
        }

        return peer;
    }

    /// <summary>Sends a command and waits for its answer (matched by event and argument).</summary>
    public async Task<JsonElement> CommandAsync(string line, TimeSpan? timeout = null)
    {
        string verb = line.Split(' ')[0];
        string arg = line.Length > verb.Length ? line[(verb.Length + 1)..] : string.Empty;
        Task<JsonElement> answer = WaitForAsync(e => Event(e) == verb && e.TryGetProperty("arg", out JsonElement a) && a.GetString() == arg, timeout ?? TimeSpan.FromSeconds(30), includePast: false);
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
        return await answer;
    }

    /// <summary>Waits for an event (including ones already received).</summary>
    public Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout, bool includePast = true)
    {
        var waiter = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_events)
        {
            if (includePast)
            {
                foreach (JsonElement e in _events)
                {
                    if (match(e))
                    {
                        return Task.FromResult(e);
                    }
                }
            }

            _waiters.Add((match, waiter));
        }

        return WaitWithDiagnosticsAsync(waiter.Task, timeout);
    }

    public IReadOnlyList<JsonElement> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public static string Event(JsonElement e) => e.TryGetProperty("event", out JsonElement v) ? v.GetString() ?? string.Empty : string.Empty;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("quit");
                _process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }

    private async Task<JsonElement> WaitWithDiagnosticsAsync(Task<JsonElement> task, TimeSpan timeout)
    {
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (TimeoutException ex)
        {
            string recent = string.Join("\n", Events.TakeLast(10).Select(e => e.GetRawText()));
            throw new TimeoutException($"js peer: no matching event within {timeout.TotalSeconds} s. Recent events:\n{recent}\nstderr:\n{Stderr}", ex);
        }
    }

    private void OnLine(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        JsonElement element;
        try
        {
            element = JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (JsonException)
        {
            lock (_stderr)
            {
                _stderr.AppendLine("non-JSON stdout: " + line);
            }

            return;
        }

        if (Event(element) == "listening")
        {
            _listening.TrySetResult(element);
        }

        List<TaskCompletionSource<JsonElement>> matched = [];
        lock (_events)
        {
            _events.Add(element);
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(element))
                {
                    matched.Add(_waiters[i].Waiter);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (TaskCompletionSource<JsonElement> waiter in matched)
        {
            waiter.TrySetResult(element);
        }
    }
}
