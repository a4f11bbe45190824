"""The read rule of a CheckpointIO checkpoint directory, in plain Python.

This is the recipe of docs/manifest-format.md ("Reading from another language"), kept here so
that the test suite runs exactly what the document shows. It needs only the standard library.
"""

import json
import os
import re
import urllib.parse

EXCLUSIVE = re.compile(r"_manifest-(\d{10})\.json")
APPEND = re.compile(r"_append-(.+)\.json")
LEGACY_EXCLUSIVE = "manifest.json"  # format version 1: counts as exclusive version 0
LEGACY_APPEND = re.compile(r"manifest-(.+)\.json")  # format version 1


def live_manifests(directory):
    """The manifests that make up the checkpoint in `directory`: the live exclusive manifest
    (if any) first, then every append manifest it does not supersede. Empty: no checkpoint."""
    names = os.listdir(directory)  # 1. list the directory, not recursively
    versions = {}
    appends = {}
    for name in names:
        exclusive = EXCLUSIVE.fullmatch(name)
        append = APPEND.fullmatch(name) or LEGACY_APPEND.fullmatch(name)
        if exclusive:
            versions[int(exclusive.group(1))] = name
        elif append:
            appends[append.group(1)] = name
    # 2. the exclusive manifest with the highest version; the legacy one only if there is none
    if versions:
        exclusive_name = versions[max(versions)]
    else:
        exclusive_name = LEGACY_EXCLUSIVE if LEGACY_EXCLUSIVE in names else None
    live = []
    superseded = set()
    if exclusive_name:
        exclusive = _load(directory, exclusive_name)
        superseded = set(exclusive.get("supersedes", []))
        live.append(exclusive)
    for write_id, name in sorted(appends.items()):  # 3. appends it does not supersede
        if write_id not in superseded:
            live.append(_load(directory, name))
    return live  # 4. the checkpoint is their union


def committed_shards(directory):
    """Absolute paths of exactly the shards the live manifests list, each checked for size and
    (format version 2) CRC32C. Raises LookupError if there is no committed checkpoint."""
    live = live_manifests(directory)
    if not live:
        raise LookupError(f"no committed checkpoint in {directory}")
    shards = []
    for manifest in live:
        for shard in manifest["shards"]:
            path = os.path.join(directory, shard["file"])
            if os.path.getsize(path) != shard["bytes"]:
                raise ValueError(f"{path} is not the size its manifest records")
            if "crc32c" in shard and f"{crc32c(path):08x}" != shard["crc32c"]:
                raise ValueError(f"{path} does not have the CRC32C its manifest records")
            shards.append(path)
    return shards


def _load(directory, name):
    with open(os.path.join(directory, name), encoding="utf-8") as f:
        manifest = json.load(f)
    if manifest.get("formatVersion") not in (1, 2):
        raise ValueError(f"{name}: unknown formatVersion {manifest.get('formatVersion')!r}")
    for shard in manifest["shards"]:
        if shard["file"] in ("", ".", "..") or "/" in shard["file"] or "\\" in shard["file"]:
            raise ValueError(f"{name}: shard {shard['file']!r} is not a plain file name")
    if manifest["totalRows"] != sum(s["rows"] for s in manifest["shards"]) or manifest[
        "totalBytes"
    ] != sum(s["bytes"] for s in manifest["shards"]):
        raise ValueError(f"{name}: totals are not the sums of its shards")
    # {root}/{runs|correlations}/{encoded id}/{encoded name}/
    scope_dir, encoded_id, encoded_name = os.path.abspath(directory).split(os.sep)[-3:]
    expected = ("runs" if manifest["scope"] == "RUN" else "correlations", _encode(manifest["id"]),
                _encode(manifest["name"]))
    if (scope_dir, encoded_id, encoded_name) != expected:
        raise ValueError(f"{name}: written for {'/'.join(expected)}, found in {directory}")
    return manifest


def _encode(value):
    """A path segment as CheckpointIO encodes it: RFC 3986 unreserved characters kept, every
    other UTF-8 byte %XX."""
    return urllib.parse.quote(value, safe="")


def _crc32c_table():
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_CRC32C_TABLE = _crc32c_table()


def crc32c(path):
    """CRC-32C (Castagnoli) of a whole file, as an int; `google_crc32c.value(data)` is a faster
    equivalent."""
    crc = 0xFFFFFFFF
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            for byte in chunk:
                crc = _CRC32C_TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF
