// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Lineage.Marine.InterfaceTypes;

namespace Lineage.Marine.Modules;

/// <summary>
/// What a Wasm module's custom sections say about it as a Marine module: the resolved interface (from
/// <c>interface-types</c>), the SDK version, the manifest and the JSON <c>__m_generated_section__*</c> items.
/// </summary>
public sealed class MarineModuleInfo
{
    public const string SdkVersionSectionName = "__fluence_sdk_version";

    public const string GeneratedSectionPrefix = "__m_generated_section__";

    private MarineModuleInfo(
        MarineInterface @interface,
        string? sdkVersion,
        MarineModuleManifest? manifest,
        IReadOnlyDictionary<string, string> generatedSections)
    {
        Interface = @interface;
        SdkVersion = sdkVersion;
        Manifest = manifest;
        GeneratedSections = generatedSections;
    }

    public MarineInterface Interface { get; }

    public string? SdkVersion { get; }

    public MarineModuleManifest? Manifest { get; }

    /// <summary>Item name (after the prefix) → the JSON text <c>marine build</c> consumed.</summary>
    public IReadOnlyDictionary<string, string> GeneratedSections { get; }

    /// <summary>
    /// Builds the info from a module's custom sections (name and payload, in module order). A module without an
    /// <c>interface-types</c> section is not a Marine module.
    /// </summary>
    /// <exception cref="InterfaceTypesFormatException">A section is missing or malformed.</exception>
    public static MarineModuleInfo FromCustomSections(IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> customSections)
    {
        ArgumentNullException.ThrowIfNull(customSections);
        MarineInterface? @interface = null;
        string? sdkVersion = null;
        MarineModuleManifest? manifest = null;
        var generated = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, ReadOnlyMemory<byte> payload) in customSections)
        {
            if (name == InterfaceTypesSection.SectionName)
            {
                if (@interface is not null)
                {
                    throw new InterfaceTypesFormatException("the module has more than one interface-types section");
                }

                @interface = MarineInterface.Parse(payload.Span);
            }
            else if (name == SdkVersionSectionName)
            {
                sdkVersion = Encoding.UTF8.GetString(payload.Span);
            }
            else if (name == MarineModuleManifest.SectionName)
            {
                manifest = MarineModuleManifest.Parse(payload.Span);
            }
            else if (name.StartsWith(GeneratedSectionPrefix, StringComparison.Ordinal))
            {
                generated[name[GeneratedSectionPrefix.Length..]] = Encoding.UTF8.GetString(payload.Span);
            }
        }

        if (@interface is null)
        {
            throw new InterfaceTypesFormatException("not a Marine module: it has no interface-types custom section");
        }

        return new MarineModuleInfo(@interface, sdkVersion, manifest, generated);
    }
}
