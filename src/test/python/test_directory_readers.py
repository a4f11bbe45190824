"""Standard readers pointed at a whole checkpoint directory.

They skip CheckpointIO's commit files (names starting with `_`) and a write's temporary directory
(`.tmp-…`), and read every shard file in the directory. Where only committed shards are there,
that is exactly the checkpoint. Where a failed write left shards, or a re-write's superseded shards
are still kept for readers in flight, they return those rows too: such readers must follow the
read rule instead (test_read_rule.py).
"""

import os

import duckdb
import polars as pl
import pyarrow.dataset as ds
import pyarrow.ipc
import pyarrow.parquet as pq
import pytest

from conftest import assert_same_rows, only, rows, rows_of

READERS = {
    "PARQUET": {
        "pyarrow.dataset.dataset(dir)": lambda d: ds.dataset(d, format="parquet").to_table(),
        "pyarrow.parquet.read_table(dir)": lambda d: pq.read_table(d),
        "polars.read_parquet(dir/*.parquet)": lambda d: pl.read_parquet(
            os.path.join(d, "*.parquet")
        ),
        "duckdb.read_parquet(dir/*.parquet)": lambda d: duckdb.read_parquet(
            os.path.join(d, "*.parquet")
        ),
    },
    "ARROW": {
        "pyarrow.dataset.dataset(dir,ipc)": lambda d: ds.dataset(d, format="ipc").to_table(),
        "polars.scan_ipc(dir/*.arrow)": lambda d: pl.scan_ipc(os.path.join(d, "*.arrow")).collect(),
        "duckdb.from_arrow(dataset(dir,ipc))": lambda d: duckdb.from_arrow(
            ds.dataset(d, format="ipc")
        ),
    },
}

SUFFIX = {"PARQUET": ".parquet", "ARROW": ".arrow"}

# Format version 1 named its commit files without the `_` prefix.
LEGACY_COMMIT_FILE = ("manifest.json", "manifest-")


def read_directory(case, reader):
    """Runs `reader` on the case's directory. With commit files of format version 1 present a
    reader may take them for data: that is an expected failure, and the reason for version 2."""
    directory = case["directory"]
    try:
        return rows_of(READERS[case["format"]][reader](directory))
    except Exception as e:
        legacy = [n for n in os.listdir(directory) if n.startswith(LEGACY_COMMIT_FILE)]
        if legacy:
            pytest.xfail(f"{reader} reads the format-1 commit files {legacy} as data: {e}")
        raise


def every_shard_file(case):
    """The rows of every `part-…` file directly in the directory, each read on its own."""
    directory = case["directory"]
    found = rows([])
    for name in sorted(os.listdir(directory)):
        if name.startswith("part-") and name.endswith(SUFFIX[case["format"]]):
            path = os.path.join(directory, name)
            if case["format"] == "PARQUET":
                found += rows_of(pq.read_table(path))
            else:
                found += rows_of(pyarrow.ipc.open_file(path).read_all())
    return found


def test_directory_readers_skip_commit_files_and_temporary_directories(case, reader):
    assert_same_rows(read_directory(case, reader), every_shard_file(case), reader)


@only(lambda case: not case["alsoInDirectory"])
def test_directory_readers_return_exactly_the_committed_rows_when_no_other_shard_is_there(
    case, reader
):
    assert_same_rows(read_directory(case, reader), rows(case["committed"]), reader)


@only(lambda case: case["alsoInDirectory"])
def test_directory_readers_also_return_failed_and_superseded_writes(case, reader):
    expected = rows(case["committed"]) + rows(case["alsoInDirectory"])
    assert_same_rows(read_directory(case, reader), expected, reader)
