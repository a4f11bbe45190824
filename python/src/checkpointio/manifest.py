"""Manifests (docs/manifest-format.md): parsing with the checks Java's ManifestJson makes,
rendering format version 2, and the read rule of CommittedManifests: the exclusive manifest
with the highest version plus the append manifests it does not supersede, from one listing."""

import base64
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import List, Optional

from . import _paths as paths
from . import beam_schema as bs
from .errors import CheckpointCorruptedError

FORMAT_VERSION = 2
LIBRARY_VERSION = "0.1.0-SNAPSHOT (python)"
BEAM_VERSION = "none (written from Python)"


@dataclass
class Shard:
    file: str
    rows: int
    bytes: int
    crc32c: Optional[str] = None


@dataclass
class Manifest:
    name: str
    scope: str
    id: str
    write_id: str
    file_format: str
    schema: bs.Schema
    beam_schema: str
    shards: List[Shard]
    created_at: str
    library_version: str
    beam_version: str
    append: bool = False
    version: int = 0
    supersedes: List[str] = field(default_factory=list)
    producer_version: Optional[str] = None
    format_version: int = FORMAT_VERSION

    @property
    def total_rows(self):
        return sum(s.rows for s in self.shards)

    @property
    def total_bytes(self):
        return sum(s.bytes for s in self.shards)

    @property
    def created(self):
        """createdAt as an aware datetime (nanoseconds cut to microseconds)."""
        text = self.created_at.rstrip("Z")
        main, _, fraction = text.partition(".")
        moment = datetime.fromisoformat(main).replace(tzinfo=timezone.utc)
        if fraction:
            moment = moment.replace(microsecond=int(fraction[:6].ljust(6, "0")))
        return moment

    def file_name(self):
        if self.format_version == 1:
            return (paths.LEGACY_APPEND_PREFIX + self.write_id + ".json" if self.append
                    else paths.LEGACY_EXCLUSIVE)
        return (paths.append_manifest_name(self.write_id) if self.append
                else paths.exclusive_manifest_name(self.version))

    def to_json(self):
        document = {
            "formatVersion": FORMAT_VERSION,
            "name": self.name,
            "scope": self.scope,
            "id": self.id,
            "writeId": self.write_id,
            "fileFormat": self.file_format,
            "mode": "APPEND" if self.append else "EXCLUSIVE",
            "version": self.version,
            "supersedes": list(self.supersedes),
            "schema": [{"name": f.name, "type": bs.type_name(f.type), "nullable": f.type.nullable}
                       for f in self.schema.fields],
            "beamSchema": self.beam_schema,
            "shards": [{"file": s.file, "rows": s.rows, "bytes": s.bytes, "crc32c": s.crc32c}
                       for s in sorted(self.shards, key=lambda s: s.file)],
            "totalRows": self.total_rows,
            "totalBytes": self.total_bytes,
            "createdAt": self.created_at,
            "libraryVersion": self.library_version,
            "beamVersion": self.beam_version,
        }
        if self.producer_version is not None:
            document["producerVersion"] = self.producer_version
        return json.dumps(document, indent=2, ensure_ascii=False)


def now_text():
    """The current UTC time as Java's Instant.toString() prints it (microseconds here)."""
    moment = datetime.now(timezone.utc)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond:06d}"
    return text + "Z"


def parse(text):
    """A manifest from its JSON, validated as Java's ManifestJson.fromJson validates it."""
    root = json.loads(text)
    if not isinstance(root, dict):
        raise ValueError("Manifest is not a JSON object")
    version = _required(root, "formatVersion")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError(f"Manifest formatVersion '{version}' is not a number")
    if version > FORMAT_VERSION:
        raise ValueError(f"Manifest format version {version} is newer than this library"
                         f" understands ({FORMAT_VERSION}); upgrade checkpointio to read it.")
    if version < 1:
        raise ValueError(f"Manifest format version {version} does not exist")
    shards = []
    for shard in _required(root, "shards"):
        crc = shard.get("crc32c")
        if crc is not None and not (isinstance(crc, str) and len(crc) == 8
                                    and all(c in "0123456789abcdef" for c in crc)):
            raise ValueError(f"Manifest has crc32c '{crc}', not 8 lower-case hex digits")
        shards.append(Shard(_plain_file_name(str(_required(shard, "file"))),
                            _count(shard, "rows"), _count(shard, "bytes"), crc))
    shards.sort(key=lambda s: s.file)
    beam_schema = str(_required(root, "beamSchema"))
    try:
        schema = bs.schema_from_proto(base64.b64decode(beam_schema, validate=True))
    except Exception as e:
        raise ValueError(f"Manifest's beamSchema cannot be decoded: {e}") from e
    scope = _required(root, "scope")
    file_format = _required(root, "fileFormat")
    if scope not in (paths.RUN, paths.CORRELATION):
        raise ValueError(f"Manifest scope '{scope}' is neither RUN nor CORRELATION")
    if file_format not in ("PARQUET", "ARROW"):
        raise ValueError(f"Manifest fileFormat '{file_format}' is neither PARQUET nor ARROW")
    manifest = Manifest(
        name=str(_required(root, "name")), scope=scope, id=str(_required(root, "id")),
        write_id=str(_required(root, "writeId")), file_format=file_format,
        schema=schema, beam_schema=beam_schema, shards=shards,
        created_at=str(_required(root, "createdAt")),
        library_version=str(_required(root, "libraryVersion")),
        beam_version=str(_required(root, "beamVersion")),
        append=root.get("mode") == "APPEND", version=int(root.get("version") or 0),
        supersedes=[str(w) for w in root.get("supersedes") or []],
        producer_version=root.get("producerVersion"), format_version=version)
    for total, value in (("totalRows", manifest.total_rows), ("totalBytes", manifest.total_bytes)):
        if root.get(total) is not None and root[total] != value:
            raise ValueError(f"Manifest has {total} {root[total]}, but its shards add up to {value}")
    return manifest


def _required(node, name):
    value = node.get(name)
    if value is None:
        raise ValueError(f"Manifest has no '{name}'")
    return value


def _count(shard, name):
    value = _required(shard, name)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"Manifest has shard {name} '{value}', not a count")
    return value


def _plain_file_name(name):
    if (name in ("", ".", "..") or any(c in name for c in "/\\:")
            or any(paths._is_control(ord(c)) for c in name)):
        raise ValueError(f"Manifest lists shard '{name}', which is not a plain file name of its"
                         " directory")
    return name


@dataclass
class CheckpointLocation:
    """One checkpoint's directory and what it must hold: name, scope and id."""
    store: object
    directory: str
    name: str
    scope: str
    id: str


def read_manifest(location, file_path):
    """The manifest at `file_path`, validated and checked to belong to `location`; None if it
    is gone. Raises CheckpointCorruptedError naming the file otherwise."""
    try:
        data = location.store.read_bytes(file_path)
    except FileNotFoundError:
        return None
    try:
        manifest = parse(data.decode("utf-8"))
    except Exception as e:
        raise _unreadable(file_path, str(e)) from e
    if (manifest.name, manifest.scope, manifest.id) != (location.name, location.scope, location.id):
        raise _unreadable(
            file_path, f"it belongs to checkpoint '{manifest.name}' ({manifest.scope}"
            f" {manifest.id}), not to '{location.name}' ({location.scope} {location.id})")
    return manifest


def _unreadable(file_path, why):
    return CheckpointCorruptedError(
        file_path, f"Manifest {file_path} is unreadable: {why}. Re-run the write of this"
        " checkpoint: an exclusive write replaces it.")


@dataclass
class CommitFiles:
    """The commit files of one listing of a checkpoint directory."""
    exclusive: dict      # version -> path
    appends: dict        # write id -> path
    entries: list        # every entry directly in the directory

    @classmethod
    def of(cls, entries):
        exclusive = {}
        appends = {}
        for e in entries:
            if e.is_dir:
                continue
            version = paths.exclusive_version(e.name)
            if version is not None:
                exclusive[version] = e.path
            write_id = paths.append_write_id(e.name)
            if write_id is not None:
                appends[write_id] = e.path
        return cls(exclusive, dict(sorted(appends.items())), entries)

    @classmethod
    def listing(cls, location):
        return cls.of(location.store.list_dir(location.directory))

    def latest_version(self):
        return max(self.exclusive) if self.exclusive else None


def live_manifests(location, attempts=3):
    """The manifests that make up the checkpoint now: exclusive first, then the appends it does
    not supersede. [] means there is none. A manifest deleted between the listing and its read
    (collected) makes it list again, as the Java reader does."""
    for _ in range(attempts):
        files = CommitFiles.listing(location)
        live = []
        superseded = set()
        complete = True
        latest = files.latest_version()
        if latest is not None:
            exclusive = read_manifest(location, files.exclusive[latest])
            if exclusive is None:
                continue
            live.append(exclusive)
            superseded.update(exclusive.supersedes)
        for write_id, file_path in files.appends.items():
            if write_id in superseded:
                continue
            manifest = read_manifest(location, file_path)
            if manifest is None:
                complete = False
                break
            live.append(manifest)
        if complete:
            return live
    raise IOError(f"The manifests of {location.directory} kept changing while they were read;"
                  " try again")
