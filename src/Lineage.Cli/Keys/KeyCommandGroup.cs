// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Lineage.Cli.Common;
using Lineage.Client.Signing;

namespace Lineage.Cli.Keys;

/// <summary><c>lineage key new|show</c>: local signing keys (secp256k1 Ethereum accounts or ed25519).</summary>
internal sealed class KeyCommandGroup : ICommandGroup
{
    public Command Create()
    {
        var group = new Command("key", "Create and inspect local signing keys");
        group.Subcommands.Add(CreateNew());
        group.Subcommands.Add(CreateShow());
        return group;
    }

    private static Command CreateNew()
    {
        var type = new Option<string>("--type")
        {
            Description = "Key type: secp256k1 (Ethereum address, EIP-191 signatures) or ed25519 (base58)",
            DefaultValueFactory = _ => "secp256k1",
        };
        type.AcceptOnlyFromAmong("secp256k1", "ed25519");
        var output = new Option<FileInfo?>("--out")
        {
            Description = "Write the key file here (mode 0600) and print only the public key; without it the key file JSON goes to stdout",
            HelpName = "FILE",
        };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing --out file" };
        var command = new Command("new", "Generate a new key");
        command.Options.Add(type);
        command.Options.Add(output);
        command.Options.Add(force);
        command.SetAction(parseResult =>
        {
            KeyFile key = KeyFile.Generate(parseResult.GetValue(type)!);
            FileInfo? file = parseResult.GetValue(output);
            if (file is null)
            {
                Console.Out.WriteLine(key.ToJson());
                return ExitCodes.Success;
            }

            try
            {
                key.Save(file.FullName, parseResult.GetValue(force));
            }
            catch (IOException ex) when (file.Exists && !parseResult.GetValue(force))
            {
                return NodeConnection.Fail($"{file.FullName} already exists (use --force to overwrite): {ex.Message}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return NodeConnection.Fail($"cannot write {file.FullName}: {ex.Message}");
            }

            Console.Out.WriteLine(key.PublicKey);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateShow()
    {
        var keyFile = new Argument<FileInfo>("FILE") { Description = "Key file written by 'lineage key new --out'" };
        var command = new Command("show", "Print the public key (address) of a key file");
        command.Arguments.Add(keyFile);
        command.SetAction(parseResult =>
        {
            FileInfo file = parseResult.GetValue(keyFile)!;
            try
            {
                ISigner signer = KeyFile.Load(file.FullName).CreateSigner();
                Console.Out.WriteLine($"{signer.KeyType} {signer.PublicKey}");
                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                return NodeConnection.Fail(ex.Message);
            }
        });
        return command;
    }
}
