// SPDX-License-Identifier: Apache-2.0

using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Lineage.Wasm.Runtime;

namespace Lineage.Wasm.Compilation;

/// <summary>
/// Creates the dynamic assemblies generated code lives in. They may read this assembly's internals
/// (<see cref="IgnoresAccessChecksToAttribute"/>), and their methods have real method handles, so compiled code
/// can be called through function pointers.
/// </summary>
internal static class DynamicCode
{
    private static readonly ConstructorInfo s_ignoresAccessChecks =
        typeof(IgnoresAccessChecksToAttribute).GetConstructor([typeof(string)])!;

    public static ModuleBuilder CreateModule(string purpose)
    {
        var name = new AssemblyName("Lineage.Wasm.Generated." + purpose + "." + Guid.NewGuid().ToString("N"));
        var assembly = AssemblyBuilder.DefineDynamicAssembly(name, AssemblyBuilderAccess.Run,
            [new CustomAttributeBuilder(s_ignoresAccessChecks, [typeof(WasmInstance).Assembly.GetName().Name!])]);
        return assembly.DefineDynamicModule(name.Name!);
    }
}
