// SPDX-License-Identifier: Apache-2.0

using System.Reflection;
using System.Runtime.CompilerServices;
using Lineage.Wasm.Runtime;

namespace Lineage.Wasm.Compilation;

/// <summary>
/// Compiles an instance's functions lazily, one at a time on first call, each into a static method of its own type
/// in the instance's dynamic assembly. A non-collectible assembly lets the runtime tier methods up (Tier0 first for
/// fast start, then optimised, with on-stack replacement for long loops). Already compiled callees are called
/// directly, so the JIT can inline them.
/// </summary>
internal sealed class ModuleCompiler
{
    private readonly WasmInstance _instance;
    private readonly MethodInfo?[] _methods;
    private MetadataTokens? _tokens;

    public ModuleCompiler(WasmInstance instance)
    {
        _instance = instance;
        _methods = new MethodInfo?[instance.Module.TotalFunctionCount];
    }

    public MethodInfo? TryGetMethod(int index) => _methods[index];

    public nint Compile(int index)
    {
        // Lazy compilation may happen deep in guest recursion; the JIT needs stack too.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var tokens = _tokens ??= new MetadataTokens(DynamicCode.CreateModule("Instance"));
        var module = tokens.Module;
        var type = _instance.Types[(int)_instance.Module.GetFunctionTypeIndex((uint)index)];
        var name = FunctionNames.Format(index);
        var typeBuilder = module.DefineType("wasm.f" + index, TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
        var method = typeBuilder.DefineMethod(name, MethodAttributes.Public | MethodAttributes.Static,
            CodeSignature.ReturnType(type), CodeSignature.ParameterTypes(type));
        new FunctionCompiler(_instance, index, type, method, tokens).Compile();
        var created = typeBuilder.CreateType();
        var compiled = created.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;
        _methods[index] = compiled;
        return compiled.MethodHandle.GetFunctionPointer();
    }
}
