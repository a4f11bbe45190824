"""The scope trees under a root: ls() lists them as the Java CLI's `checkpoint ls` does, and
cleanup_run() / cleanup_correlation() delete one as Java's DeleteScopeTree does: every file
(a link as a link, never followed), listed twice, then the directories bottom-up; nothing
outside {root}/runs/{encoded id}/ or {root}/correlations/{encoded id}/; a missing tree is no
error."""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Dict, List

from . import _paths as paths
from ._store import store_for

LOG = logging.getLogger("checkpointio")


@dataclass(frozen=True)
class DeletedTree:
    directory: str
    files_deleted: int
    bytes_deleted: int
    failures: int


def delete_directory_tree(store, directory):
    listed = set()
    deleted = size = total = 0
    for _ in range(2):  # a second listing finds what a racing commit created meanwhile
        for entry in store.walk_files(directory):
            if entry.path in listed:
                continue
            listed.add(entry.path)
            total += 1
            try:
                store.delete_file(entry.path)
                deleted += 1
                size += entry.size
            except OSError as e:
                LOG.warning("Could not delete %s: %s", entry.path, e)
    store.remove_empty_dirs(directory)
    return DeletedTree(directory, deleted, size, total - deleted)


def _cleanup(root, scope, scope_id):
    store, root = store_for(root)
    directory = paths.scope_tree(root, scope, scope_id)
    expected = paths.join(paths.join(root, paths.SCOPE_DIRECTORIES[scope]),
                          paths.encode(paths.ID_LABELS[scope], scope_id))
    if directory != expected or "/" in directory[len(root.rstrip("/")) + 1:].split("/", 1)[1]:
        raise RuntimeError(f"Refusing to delete {directory}: it is not the scope tree {expected}")
    result = delete_directory_tree(store, directory)
    LOG.info("Cleaned checkpoint tree %s (%s %s): deleted %d files (%d bytes), %d failures",
             directory, paths.ID_LABELS[scope], scope_id, result.files_deleted,
             result.bytes_deleted, result.failures)
    return result


def cleanup_run(root, run_id):
    """Deletes {root}/runs/{run_id}/ and everything under it; returns a DeletedTree."""
    return _cleanup(root, paths.RUN, run_id)


def cleanup_correlation(root, correlation_id):
    """Deletes {root}/correlations/{correlation_id}/ and everything under it."""
    return _cleanup(root, paths.CORRELATION, correlation_id)


@dataclass
class CheckpointSummary:
    name: str
    file_format: str
    total_rows: int
    total_bytes: int
    last_committed_at: str


@dataclass
class Tree:
    scope: str
    id: str
    directory: str
    files: int
    bytes: int
    newest_file_modified_at: datetime
    checkpoints: List[CheckpointSummary] = field(default_factory=list)
    unreadable: Dict[str, str] = field(default_factory=dict)


def ls(root):
    """Every run and correlation tree under `root` that this library wrote (RUN first, then
    CORRELATION, each by id), with its committed checkpoints, as `checkpoint ls --json`."""
    from .manifest import CheckpointLocation, live_manifests
    store, root = store_for(root)
    trees = []
    for scope in (paths.RUN, paths.CORRELATION):
        parent = paths.join(root, paths.SCOPE_DIRECTORIES[scope])
        found = []
        for entry in store.list_dir(parent):
            if not entry.is_dir:
                continue  # a file or link beside the trees is none
            scope_id = paths.decode(paths.ID_LABELS[scope], entry.name)
            if scope_id is None:
                continue
            files = store.walk_files(entry.path)
            prefix = entry.path.rstrip("/") + "/"
            relatives = [f.path[len(prefix):] for f in files if f.path.startswith(prefix)]
            if not any("/" in r and paths.decode("checkpoint name", r.split("/", 1)[0]) is not None
                       and paths.is_written_by_a_write(r.split("/", 1)[1]) for r in relatives):
                continue
            newest = max((f.mtime for f in files), default=0.0)
            tree = Tree(scope, scope_id, entry.path, len(files), sum(f.size for f in files),
                        datetime.fromtimestamp(newest, timezone.utc))
            names = sorted({r.split("/", 1)[0] for r in relatives
                            if "/" in r and paths.is_manifest(r.split("/", 1)[1])})
            for segment in names:
                name = paths.decode("checkpoint name", segment)
                if name is None:
                    continue
                location = CheckpointLocation(store, paths.join(entry.path, segment), name,
                                              scope, scope_id)
                try:
                    live = live_manifests(location)
                except Exception as e:
                    tree.unreadable[name] = str(e)
                    continue
                if live:
                    tree.checkpoints.append(CheckpointSummary(
                        name, live[0].file_format, sum(m.total_rows for m in live),
                        sum(m.total_bytes for m in live),
                        max((m for m in live), key=lambda m: m.created).created_at))
            tree.checkpoints.sort(key=lambda c: c.name)  # by name, as Java lists them
            found.append(tree)
        trees.extend(sorted(found, key=lambda t: t.id))
    return trees
