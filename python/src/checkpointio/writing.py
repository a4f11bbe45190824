"""write(): shards into the write's temporary directory, then one commit that moves them into
the checkpoint directory, checks them and creates the manifest once, whole, only if its name is
free (Java's CommitManifest), then garbage collection (Java's CollectGarbage)."""

import base64
import json
import logging
import time
import uuid

import pyarrow as pa

from . import _crc32c
from . import _paths as paths
from . import arrow_mapping as am
from . import beam_schema as bs
from ._store import store_for
from .errors import ConcurrentCheckpointWriteError, SchemaMismatchError
from .manifest import (CheckpointLocation, CommitFiles, Manifest, Shard, live_manifests,
                       now_text, read_manifest, LIBRARY_VERSION, BEAM_VERSION)
from .trees import delete_directory_tree

LOG = logging.getLogger("checkpointio")
SUFFIX = {"ARROW": ".arrow", "PARQUET": ".parquet"}
ARROW_BATCH_ROWS = 65_536
RETENTION_SECONDS = 3600
GRACE_SECONDS = 24 * 3600

# Safe widenings an append may make to reach the contract's type (Java's SchemaAlignment).
_WIDENINGS = {
    "BYTE": {"INT16", "INT32", "INT64", "FLOAT", "DOUBLE"},
    "INT16": {"INT32", "INT64", "FLOAT", "DOUBLE"},
    "INT32": {"INT64", "DOUBLE"},
    "FLOAT": {"DOUBLE"},
}


def write(frame, root, name, run_id=None, correlation_id=None, scope="RUN", append=False,
          format="parquet", num_shards=1, compression=None, drop_extra_fields=False,
          producer_version=None, schema=None):
    """Writes `frame` (a Polars DataFrame or LazyFrame, or a pyarrow Table) as checkpoint
    `name` and commits it; returns the committed Manifest.

    scope: "RUN" (under runs/{run_id}) or "CORRELATION" (under correlations/{correlation_id}).
    append: False replaces the checkpoint (an exclusive write); True adds to it (fan-in). The
      first committed schema is the contract: an append is aligned to it (fields reordered,
      safe widenings, missing nullable fields as nulls) or fails with SchemaMismatchError.
    format: "parquet" (default, as Java) or "arrow" (Arrow IPC files).
    num_shards: how many shard files (at least 1; an empty frame still writes one).
    compression: Parquet codec ("snappy" default) or Arrow IPC codec (None, "lz4", "zstd").
    schema: a Beam schema to write the frame as (for example `Checkpoint.schema` of a checkpoint
      read, to write its types back exactly: DECIMAL, enumerations); the frame is aligned to it as
      an append is. By default the schema is inferred from the frame's Arrow types.
    Raises ConcurrentCheckpointWriteError if another exclusive write committed first."""
    scope = scope.upper()
    file_format = format.upper()
    if file_format not in SUFFIX:
        raise ValueError(f"format={format!r}: give 'parquet' or 'arrow'")
    if scope not in paths.SCOPE_DIRECTORIES:
        raise ValueError(f"scope={scope!r}: give 'RUN' or 'CORRELATION'")
    scope_id = run_id if scope == paths.RUN else correlation_id
    if num_shards < 1:
        raise ValueError(f"num_shards={num_shards}: give 1 or more")
    store, root = store_for(root)
    location = CheckpointLocation(
        store, paths.checkpoint_directory(root, scope, scope_id, name), name, scope, scope_id)
    table = _to_arrow_table(frame)
    live = live_manifests(location)
    base_version = CommitFiles.listing(location).latest_version() or 0
    contract = live[0] if (append and live) else None
    if contract is not None and contract.file_format != file_format:
        raise ValueError(f"checkpointio.write('{name}', append=True): the checkpoint is"
                         f" {contract.file_format}; a checkpoint has one format. Write with"
                         f" format={contract.file_format.lower()!r}.")
    if contract is not None:
        schema = contract.schema
        table = align(name, table, schema, drop_extra_fields)
        beam_schema = contract.beam_schema
    elif schema is not None:
        table = align(name, table, schema, drop_extra_fields)
        beam_schema = base64.b64encode(bs.schema_to_proto(schema)).decode("ascii")
    else:
        schema = am.infer_schema(table.schema)
        table = am.conform_table(table, schema)
        beam_schema = base64.b64encode(bs.schema_to_proto(schema)).decode("ascii")
    _check_not_null(name, table, schema)
    write_id = str(uuid.uuid4())
    temp = paths.join(location.directory, paths.TEMP_PREFIX + write_id)
    store.makedirs(temp)
    marker = paths.join(temp, paths.WRITING_MARKER)
    store.write_bytes(marker, json.dumps({"writeId": write_id, "startedAt": now_text()}).encode())
    shards = []
    count = num_shards
    rows_per_shard = -(-table.num_rows // count) if table.num_rows else 0
    for i in range(count):
        part = table.slice(i * rows_per_shard, rows_per_shard) if rows_per_shard else table.slice(0, 0)
        final = paths.shard_file_name(write_id, i, count, SUFFIX[file_format])
        temp_file = paths.join(temp, f"{uuid.uuid4()}-{final}")
        with store.open_output(temp_file) as sink:
            _encode_shard(part, schema, file_format, compression, sink)
        # Checksummed as read back: a shard goes to its file straight from the encoder.
        with store.open_input(temp_file) as written:
            crc = _crc32c.of_stream(written)
        size = store.stat(temp_file).size
        shards.append(Shard(final, part.num_rows, size, crc))
    return _commit(location, write_id, temp, marker, shards, schema, beam_schema, file_format,
                   append, base_version, producer_version)


def _to_arrow_table(frame):
    if isinstance(frame, pa.Table):
        return frame
    if isinstance(frame, pa.RecordBatch):
        return pa.Table.from_batches([frame])
    try:
        import polars as pl
        if isinstance(frame, pl.LazyFrame):
            frame = frame.collect()
        if isinstance(frame, pl.DataFrame):
            return frame.to_arrow()
    except ImportError:
        pass
    raise TypeError(f"cannot write a {type(frame).__name__}: give a Polars DataFrame or"
                    " LazyFrame, or a pyarrow Table")


def align(name, table, contract, drop_extra_fields=False):
    """`table` aligned to the contract schema, as Java's SchemaAlignment aligns an append."""
    given = am.infer_schema(table.schema)
    extra = [n for n in table.column_names if n not in contract.names()]
    if extra and not drop_extra_fields:
        raise SchemaMismatchError(name, extra[0], "absent", type_label(given.field(extra[0]).type),
                                  "Remove the field, or write with drop_extra_fields=True.")
    if extra:
        LOG.warning("checkpointio.write('%s'): dropping fields %s, which the contract lacks",
                    name, extra)
    columns = []
    for f in contract.fields:
        target = am.arrow_type(f.type)
        if f.name not in table.column_names:
            if not f.type.nullable:
                raise SchemaMismatchError(name, f.name, type_label(f.type), "missing",
                                          "A non-nullable field must be written.")
            columns.append(pa.nulls(table.num_rows, target))
            continue
        have = given.field(f.name).type
        if not _fits(have, f.type):
            raise SchemaMismatchError(name, f.name, type_label(f.type), type_label(have),
                                      "That is no safe widening.")
        column = table.column(f.name)
        if f.type.kind == "LOGICAL_TYPE" and f.type.urn == bs.DECIMAL_URN and pa.types.is_decimal(column.type):
            column = column.cast(pa.string())
        columns.append(am.conform(column, target))
    return pa.Table.from_arrays(columns, schema=am.arrow_schema(contract))


def _fits(have, want):
    if have.with_nullable(False).same_type(want.with_nullable(False)):
        return True
    if have.kind in _WIDENINGS and want.kind in _WIDENINGS[have.kind]:
        return True
    if want.kind == "LOGICAL_TYPE" and want.urn == bs.FIXED_BYTES_URN:
        return have.kind == "BYTES"  # Polars has no fixed-size binary; the cast checks widths
    if want.kind == "LOGICAL_TYPE" and want.urn in (bs.DECIMAL_URN, bs.ENUM_URN):
        # Text as it is; to DECIMAL also integers and decimals, as their exact text.
        return have.kind == "STRING" or (want.urn == bs.DECIMAL_URN and (
            have.kind in ("BYTE", "INT16", "INT32", "INT64") or have.urn == bs.FIXED_DECIMAL_URN))
    if want.kind in ("ARRAY", "ITERABLE") and have.kind in ("ARRAY", "ITERABLE"):
        return _fits(have.element, want.element)
    if want.kind == "ROW" and have.kind == "ROW":
        return (have.row.names() == want.row.names()
                and all(_fits(a.type, b.type) for a, b in zip(have.row.fields, want.row.fields)))
    if want.kind == "MAP" and have.kind in ("MAP", "ARRAY"):
        return True  # Polars holds a map as a list of key/value structs; the cast checks it
    return False


def type_label(t):
    return bs.type_name(t) + ("" if t.nullable else " NOT NULL")


def _check_not_null(name, table, schema):
    for i, f in enumerate(schema.fields):
        if not f.type.nullable and table.column(i).null_count:
            raise ValueError(f"checkpointio.write('{name}'): field '{f.name}' is not nullable"
                             f" but holds {table.column(i).null_count} nulls")


def _encode_shard(table, schema, file_format, compression, sink):
    if file_format == "ARROW":
        options = pa.ipc.IpcWriteOptions(compression=compression)
        with pa.ipc.new_file(sink, table.schema, options=options) as writer:
            for batch in table.to_batches(max_chunksize=ARROW_BATCH_ROWS):
                writer.write_batch(batch)
    else:
        import pyarrow.parquet as pq
        pq.write_table(am.table_to_parquet(table, schema), sink,
                       compression=compression or "snappy")


def _commit(location, write_id, temp, marker, shards, schema, beam_schema, file_format,
            append, base_version, producer_version):
    store = location.store
    ours = base_version + 1
    target = paths.join(location.directory, paths.append_manifest_name(write_id) if append
                        else paths.exclusive_manifest_name(ours))
    if not append:
        _check_not_overtaken(location, write_id, shards, temp, ours)
    if store.stat(marker) is None:
        raise _tree_deleted(location, write_id, shards, temp)
    for shard in shards:
        source = _temp_file_of(store, temp, shard.file)
        store.rename(source, paths.join(location.directory, shard.file))
    for shard in shards:
        entry = store.stat(paths.join(location.directory, shard.file))
        if entry is None or entry.size != shard.bytes:
            raise IOError(f"Write {write_id} of checkpoint '{location.name}' cannot commit: its"
                          f" shard {shard.file} is not the {shard.bytes} bytes written")
    supersedes = [] if append else list(CommitFiles.listing(location).appends)
    manifest = Manifest(
        name=location.name, scope=location.scope, id=location.id, write_id=write_id,
        file_format=file_format, schema=schema, beam_schema=beam_schema, shards=shards,
        created_at=now_text(), library_version=LIBRARY_VERSION, beam_version=BEAM_VERSION,
        append=append, version=0 if append else ours, supersedes=supersedes,
        producer_version=producer_version)
    if append:
        live = live_manifests(location)
        if live and (live[0].file_format != file_format or not live[0].schema.same_schema(schema)):
            _remove_own(location, shards, temp)
            raise SchemaMismatchError(location.name, "(whole schema)", "the committed contract",
                                      "another schema", "Another writer committed a different"
                                      " contract while this write ran; re-run this write.")
    staged = paths.STAGED_PREFIX + write_id + "-" + target.rsplit("/", 1)[-1]
    if not store.create_if_absent(target, manifest.to_json().encode("utf-8"), staged):
        winner = read_manifest(location, target)
        if winner is not None and winner.write_id == write_id:
            return manifest
        raise _lost(location, write_id, winner.write_id if winner else "(unknown)", shards,
                    temp, base_version)
    if not append:
        _check_not_overtaken(location, write_id, shards, temp, ours, created=target)
    if store.stat(marker) is None:
        store.delete_file(target)
        raise _tree_deleted(location, write_id, shards, temp)
    delete_directory_tree(store, temp)
    collected = collect_garbage(location, time.time())
    LOG.info("Committed checkpoint '%s' write %s at %s: %d rows, %d bytes in %d shards;"
             " collected %d files no manifest needs", location.name, write_id, target,
             manifest.total_rows, manifest.total_bytes, len(shards), collected)
    return manifest


def _temp_file_of(store, temp, final):
    for entry in store.list_dir(temp):
        if entry.name.endswith("-" + final):
            return entry.path
    raise IOError(f"the temporary file of shard {final} is gone from {temp}")


def _check_not_overtaken(location, write_id, shards, temp, ours, created=None):
    files = CommitFiles.listing(location)
    latest = files.latest_version()
    if latest is None or latest < ours or (created is not None and latest == ours):
        return
    try:
        winner = read_manifest(location, files.exclusive[latest])
        winner_id = winner.write_id if winner else "(unknown)"
    except Exception:
        winner_id = f"(unreadable {files.exclusive[latest]})"
    if created is not None:
        location.store.delete_file(created)
    raise _lost(location, write_id, winner_id, shards, temp, ours - 1)


def _lost(location, write_id, winner_id, shards, temp, base_version):
    _remove_own(location, shards, temp)
    return ConcurrentCheckpointWriteError(
        location.name, write_id, winner_id,
        f"checkpointio.write('{location.name}') could not commit write {write_id}: write"
        f" {winner_id} committed the checkpoint at {location.directory} after this write started"
        f" from version {base_version}. Nothing of write {winner_id} was touched, and this"
        " write's shards were removed. Re-run this write to replace the checkpoint, or give"
        " concurrent writers different names.")


def _tree_deleted(location, write_id, shards, temp):
    _remove_own(location, shards, temp)
    return RuntimeError(
        f"checkpointio.write('{location.name}') write {write_id} did not commit: its tree was"
        " deleted while it ran (by cleanup or a sweep), so committing would bring it back."
        " Nothing was committed.")


def _remove_own(location, shards, temp):
    for shard in shards:
        location.store.delete_file(paths.join(location.directory, shard.file))
    delete_directory_tree(location.store, temp)


def collect_garbage(location, now, retention=RETENTION_SECONDS, grace=GRACE_SECONDS):
    """Deletes what no manifest needs, by the rules of Java's CollectGarbage: never a file a
    live manifest lists; superseded manifests and the shards only they list once the
    retention has passed since their superseding; unlisted shards, temporary directories and
    staged manifests once older than the grace period. Returns the number of files deleted."""
    store = location.store
    entries = store.list_dir(location.directory)
    files = CommitFiles.of(entries)
    grace_cutoff = now - grace
    retention_cutoff = now - retention
    exclusive = {}
    for version, file_path in files.exclusive.items():
        try:
            exclusive[version] = read_manifest(location, file_path)
        except Exception as e:
            LOG.warning("Garbage collection skips %s: %s", file_path, e)
            exclusive[version] = None
    latest = files.latest_version()
    if latest is not None and exclusive.get(latest) is None:
        return 0  # the live exclusive manifest is unreadable: what it lists is unknown
    kept, expired, garbage, superseded = set(), set(), [], set()
    versions = sorted(exclusive)
    for i, version in enumerate(versions):
        manifest = exclusive[version]
        if manifest is None:
            continue
        if version == latest:
            kept.update(s.file for s in manifest.shards)
            superseded.update(manifest.supersedes)
            continue
        following = exclusive.get(versions[i + 1])
        if following is not None and following.created.timestamp() <= retention_cutoff:
            garbage.append(files.exclusive[version])
            expired.update(s.file for s in manifest.shards)
        else:
            kept.update(s.file for s in manifest.shards)
    for write_id, file_path in files.appends.items():
        try:
            manifest = read_manifest(location, file_path)
        except Exception:
            manifest = None
        if manifest is None:
            if write_id not in superseded:
                return 0
            continue
        superseded_at = min((m.created.timestamp() for m in exclusive.values()
                             if m is not None and write_id in m.supersedes), default=float("inf"))
        if write_id in superseded and superseded_at <= retention_cutoff:
            garbage.append(file_path)
            expired.update(s.file for s in manifest.shards)
        else:
            kept.update(s.file for s in manifest.shards)
    deleted = 0
    for e in entries:
        if e.is_dir:
            write_id = paths.temp_write_id(e.name)
            if write_id is not None:
                newest = max((f.mtime for f in store.walk_files(e.path)), default=e.mtime)
                if newest <= grace_cutoff:
                    deleted += delete_directory_tree(store, e.path).files_deleted
            continue
        old = e.mtime <= grace_cutoff
        if paths.is_shard(e.name):
            if e.name not in kept and (old or e.name in expired):
                garbage.append(e.path)
        elif e.name.startswith(paths.STAGED_PREFIX) and old:
            garbage.append(e.path)
    for file_path in garbage:
        store.delete_file(file_path)
    return deleted + len(garbage)
