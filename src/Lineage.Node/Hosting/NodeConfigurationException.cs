// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Node.Hosting;

/// <summary>An invalid node configuration value; the message is one line meant for the operator.</summary>
public sealed class NodeConfigurationException : Exception
{
    public NodeConfigurationException()
    {
    }

    public NodeConfigurationException(string message)
        : base(message)
    {
    }

    public NodeConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
