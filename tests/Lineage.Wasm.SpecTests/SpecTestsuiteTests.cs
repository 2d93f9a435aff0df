// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Xunit.Abstractions;

namespace Lineage.Wasm.SpecTests;

/// <summary>
/// One test per vendored <c>.wast</c> file; every command of the file is executed. A file passes when all its
/// commands pass. Files that do not pass yet are listed in <see cref="KnownFailures"/> with the number of failing
/// commands allowed (a ratchet: the count may only go down), so the suite stays green while the table shows the
/// truth.
/// </summary>
public sealed class SpecTestsuiteTests(SpecSuiteFixture fixture, ITestOutputHelper output) : IClassFixture<SpecSuiteFixture>
{
    /// <summary>The target of issue 3: at least 99.5 % of all executed commands pass.</summary>
    private const double TargetPassRate = 99.5;

    public static TheoryData<string> Files => [.. SpecSuite.Names];

    [Theory]
    [MemberData(nameof(Files))]
    public void Spec_file_passes(string name)
    {
        var result = fixture.Get(name);
        output.WriteLine($"{name}: {result.Passed} passed, {result.Failed} failed, {result.TextModules} of them text modules, {result.MessageMismatches} reason texts differ");
        foreach (var failure in result.Failures)
        {
            output.WriteLine("  " + failure);
        }

        foreach (var mismatch in result.Mismatches)
        {
            output.WriteLine("  reason: " + mismatch);
        }

        var allowed = KnownFailures.Allowed(name);
        result.Failed.Should().BeLessThanOrEqualTo(allowed, $"{name} may fail at most {allowed} commands ({KnownFailures.Reason(name)})");
        result.Executed.Should().BeGreaterThan(0, "every file has commands");
    }

    [Fact]
    public void Overall_command_pass_rate()
    {
        var results = fixture.RunAll();
        var table = SpecSuiteFixture.RenderTable(results);
        SpecSuiteFixture.WriteSummary(table);
        output.WriteLine(table);
        var passed = results.Sum(r => r.Passed);
        var failed = results.Sum(r => r.Failed);
        var rate = SpecSuiteFixture.Rate(passed, failed);
        rate.Should().BeGreaterThanOrEqualTo(TargetPassRate, string.Create(CultureInfo.InvariantCulture, $"the pass rate is {rate:F3} % (target 99.5 %)"));
    }
}
