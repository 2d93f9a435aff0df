// SPDX-License-Identifier: Apache-2.0

#pragma warning disable IDE0130 // The runtime recognises this attribute only by its full name.
namespace System.Runtime.CompilerServices;

/// <summary>
/// Lets the dynamic assembly holding compiled WebAssembly read the runtime's internal fields (memory base, code
/// table, globals) directly. The CLR honours it for dynamic assemblies; it is matched by name.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class IgnoresAccessChecksToAttribute : Attribute
{
    public IgnoresAccessChecksToAttribute(string assemblyName)
    {
        AssemblyName = assemblyName;
    }

    public string AssemblyName { get; }
}
