// SPDX-License-Identifier: Apache-2.0

namespace Lineage.TestKit;

/// <summary>
/// Locates the repository root (the folder holding <c>Lineage.slnx</c>) and the <c>../shared</c> folder beside
/// it, so tests never name a machine path.
/// </summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => s_root.Value;

    /// <summary>The shared folder beside the repository (<c>../shared</c>): reference docs, tools, fixtures.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>A test harness folder under <c>tests/harness/</c> (npm packages installed by scripts/setup.sh).</summary>
    public static string Harness(string name) => Path.Combine(Root, "tests", "harness", name);

    /// <summary>A path under the repository root.</summary>
    public static string InRepository(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null)
        {
            if (File.Exists(Path.Combine(directory, "Lineage.slnx")))
            {
                return directory;
            }

            directory = Path.GetDirectoryName(directory);
        }

        throw new InvalidOperationException("Lineage.slnx not found above the test assembly");
    }
}
