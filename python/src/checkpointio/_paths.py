"""Where checkpoints live: {root}/runs/{runId}/{name}/ and {root}/correlations/{id}/{name}/,
each id and name encoded into one path segment exactly as the Java PathSegment does."""

import re

MAX_ENCODED_BYTES = 200
_UNRESERVED = frozenset(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

RUN = "RUN"
CORRELATION = "CORRELATION"
SCOPE_DIRECTORIES = {RUN: "runs", CORRELATION: "correlations"}
ID_LABELS = {RUN: "runId", CORRELATION: "correlationId"}

EXCLUSIVE_PREFIX = "_manifest-"
APPEND_PREFIX = "_append-"
LEGACY_EXCLUSIVE = "manifest.json"
LEGACY_APPEND_PREFIX = "manifest-"
TEMP_PREFIX = ".tmp-"
STAGED_PREFIX = ".staged-"
WRITING_MARKER = "_writing"
_SHARD_NAME = re.compile(r"part-.+-[0-9]{5,}-of-[0-9]{5,}\.(parquet|arrow)")


def _is_control(code_point):
    # Java's Character.isISOControl: U+0000..U+001F and U+007F..U+009F.
    return code_point <= 0x1F or 0x7F <= code_point <= 0x9F


def encode(label, value):
    """The one path segment for `value`; raises ValueError quoting it if it cannot be one."""
    if value is None or value == "":
        raise _invalid(label, value, f"it is empty; give a non-empty {label}")
    if value in (".", ".."):
        raise _invalid(label, value, "'.' and '..' name directories, not checkpoints; choose another")
    if any(_is_control(ord(c)) for c in value):
        raise _invalid(label, value, "it contains a control character; remove it")
    out = []
    for byte in value.encode("utf-8"):
        out.append(chr(byte) if byte in _UNRESERVED else f"%{byte:02X}")
    encoded = "".join(out)
    if len(encoded) > MAX_ENCODED_BYTES:
        raise _invalid(
            label, value,
            f"it encodes to {len(encoded)} bytes, over the limit of {MAX_ENCODED_BYTES};"
            f" use a shorter {label}")
    return encoded


def decode(label, segment):
    """The value whose encoding is exactly `segment`, or None if no value encodes to it."""
    data = bytearray()
    i = 0
    while i < len(segment):
        c = segment[i]
        if c != "%":
            if ord(c) > 0x7F:
                return None
            data.append(ord(c))
            i += 1
            continue
        pair = segment[i + 1:i + 3]
        if len(pair) != 2 or any(ch not in "0123456789abcdefABCDEF" for ch in pair):
            return None
        data.append(int(pair, 16))
        i += 3
    try:
        value = data.decode("utf-8")
        return value if encode(label, value) == segment else None
    except (UnicodeDecodeError, ValueError):
        return None


def _invalid(label, value, why):
    if value is None:
        shown = "null"
    else:
        shown = "'" + "".join(
            f"\\u{ord(c):04X}" if _is_control(ord(c)) else c for c in value) + "'"
    return ValueError(f"Invalid {label} {shown}: {why}.")


def join(directory, name):
    return directory.rstrip("/") + "/" + name


def scope_tree(root, scope, scope_id):
    """{root}/runs/{encoded id} or {root}/correlations/{encoded id}."""
    return join(join(root, SCOPE_DIRECTORIES[scope]), encode(ID_LABELS[scope], scope_id))


def checkpoint_directory(root, scope, scope_id, name):
    return join(scope_tree(root, scope, scope_id), encode("checkpoint name", name))


def exclusive_manifest_name(version):
    return f"{EXCLUSIVE_PREFIX}{version:010d}.json"


def append_manifest_name(write_id):
    return f"{APPEND_PREFIX}{write_id}.json"


def exclusive_version(file_name):
    """3 for _manifest-0000000003.json, 0 for the format-1 manifest.json, else None."""
    if file_name == LEGACY_EXCLUSIVE:
        return 0
    if file_name.startswith(EXCLUSIVE_PREFIX) and file_name.endswith(".json"):
        digits = file_name[len(EXCLUSIVE_PREFIX):-len(".json")]
        if len(digits) == 10 and digits.isascii() and digits.isdigit():
            return int(digits)
    return None


def append_write_id(file_name):
    """The write id of _append-{id}.json or the format-1 manifest-{id}.json, else None."""
    for prefix in (APPEND_PREFIX, LEGACY_APPEND_PREFIX):
        if (file_name.startswith(prefix) and file_name.endswith(".json")
                and len(file_name) > len(prefix) + len(".json")):
            return file_name[len(prefix):-len(".json")]
    return None


def is_manifest(file_name):
    return exclusive_version(file_name) is not None or append_write_id(file_name) is not None


def is_shard(file_name):
    return _SHARD_NAME.fullmatch(file_name) is not None


def shard_file_name(write_id, shard, count, suffix):
    return f"part-{write_id}-{shard:05d}-of-{count:05d}{suffix}"


def temp_write_id(directory_name):
    if directory_name.startswith(TEMP_PREFIX) and len(directory_name) > len(TEMP_PREFIX):
        return directory_name[len(TEMP_PREFIX):]
    return None


def is_written_by_a_write(relative):
    """True for a path (relative to a checkpoint directory) that only a write leaves."""
    if relative.startswith(TEMP_PREFIX):
        return relative.find("/") > len(TEMP_PREFIX)
    if "/" in relative:
        return False
    return is_manifest(relative) or relative.startswith(STAGED_PREFIX) or is_shard(relative)
