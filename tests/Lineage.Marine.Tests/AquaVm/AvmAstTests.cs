// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.Tests.AquaVm;

/// <summary>avm.wasm's <c>ast</c> on our host returns exactly what marine-js returns under node.</summary>
public sealed class AvmAstTests : IClassFixture<AvmFixture>
{
    private readonly AvmFixture _avm;

    public AvmAstTests(AvmFixture avm) => _avm = avm;

    [Theory]
    [InlineData("(null)")]
    [InlineData("(seq (null) (call %init_peer_id% (\"a\" \"b\") [] x))")]
    [InlineData("(xor (seq (call -relay- (\"peer\" \"timestamp_ms\") [] ret) (call %init_peer_id% (\"callbackSrv\" \"response\") [ret])) (call %init_peer_id% (\"errorHandlingSrv\" \"error\") [:error: 0]))")]
    [InlineData("(new $s (seq (fold [1 2 3] i (seq (ap i $s) (next i))) (canon %init_peer_id% $s #c)))")]
    [InlineData("(seq (call \"peer\" (\"s\" \"f\") [1 -2 3.5 true \"str\" %timestamp% %ttl% x.$.a.[0]!]) (match x y (fail 1337 \"boom\")))")]
    [InlineData("(seq (null")]
    [InlineData("(call \"peer\" (\"s\" \"f\") [undefined_var] res) ; a comment\n")]
    [InlineData("(fold $stream x (par (next x) (never)))")]
    public void Ast_matches_marine_js(string air)
    {
        _avm.Ours.Ast(air).Should().Be(_avm.Reference.Ast(air));
    }
}
