// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// Minimal ERC-721-like collection for the Lineage cron tests. It emits the reference's watched event
/// `Minted(address to, uint256 tokenId, bytes data)` (no indexed parameters, as in the reference collections),
/// where `data` is the ABI encoding of `(string dataKeyOrEmpty, bytes payload)` or empty.
contract MintableNft {
    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event Minted(address to, uint256 tokenId, bytes data);

    string public name;
    string public symbol;
    address public immutable minter;
    mapping(uint256 => address) private _owners;
    mapping(address => uint256) private _balances;

    constructor(string memory name_, string memory symbol_) {
        name = name_;
        symbol = symbol_;
        minter = msg.sender;
    }

    function ownerOf(uint256 tokenId) external view returns (address) {
        address owner = _owners[tokenId];
        require(owner != address(0), "nonexistent token");
        return owner;
    }

    function balanceOf(address owner) external view returns (uint256) {
        return _balances[owner];
    }

    function mint(address to, uint256 tokenId, bytes calldata data) external {
        _mint(to, tokenId);
        emit Minted(to, tokenId, data);
    }

    /// Mints `count` consecutive tokens with empty mint data (backlog benchmarks).
    function mintBatch(address to, uint256 firstTokenId, uint256 count) external {
        for (uint256 i = 0; i < count; i++) {
            _mint(to, firstTokenId + i);
            emit Minted(to, firstTokenId + i, "");
        }
    }

    /// Emits a log carrying the Minted topic with arbitrary (possibly malformed) data, as a hostile or buggy
    /// collection could: the watcher must report it, not crash.
    function emitRawMinted(bytes calldata rawData) external {
        bytes32 topic = keccak256("Minted(address,uint256,bytes)");
        bytes memory copy = rawData;
        assembly {
            log1(add(copy, 32), mload(copy), topic)
        }
    }

    function _mint(address to, uint256 tokenId) private {
        require(msg.sender == minter, "not minter");
        require(to != address(0), "zero address");
        require(_owners[tokenId] == address(0), "already minted");
        _owners[tokenId] = to;
        _balances[to] += 1;
        emit Transfer(address(0), to, tokenId);
    }
}
