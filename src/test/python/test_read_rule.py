"""Readers given the shards that the read rule lists (read_rule.py, the recipe of
docs/manifest-format.md) return exactly the committed rows, whatever else is in the directory."""

import json
import os
import shutil

import pytest

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.ipc
import pyarrow.parquet as pq

from conftest import CASES, assert_same_rows, only, rows, rows_of
from read_rule import committed_shards, live_manifests

READERS = {
    "PARQUET": {
        "pyarrow.dataset.dataset(shards)": lambda s: ds.dataset(s, format="parquet").to_table(),
        "pyarrow.parquet.read_table(shards)": lambda s: pq.read_table(s),
        "polars.read_parquet(shards)": lambda s: pl.read_parquet(s),
        "duckdb.read_parquet(shards)": lambda s: duckdb.read_parquet(s),
    },
    "ARROW": {
        "pyarrow.dataset.dataset(shards,ipc)": lambda s: ds.dataset(s, format="ipc").to_table(),
        "pyarrow.ipc.open_file(shard)": lambda s: pa.concat_tables(
            pyarrow.ipc.open_file(path).read_all() for path in s
        ),
        "polars.scan_ipc(shards)": lambda s: pl.scan_ipc(s).collect(),
        "duckdb.from_arrow(table)": lambda s: duckdb.from_arrow(
            ds.dataset(s, format="ipc").to_table()
        ),
    },
}


def test_readers_of_the_listed_shards_return_exactly_the_committed_rows(case, reader):
    shards = committed_shards(case["directory"])
    assert_same_rows(
        rows_of(READERS[case["format"]][reader](shards)), rows(case["committed"]), reader
    )


def test_shards_and_manifests_record_the_nullability_of_the_written_schema(case):
    written = {f["name"]: f["nullable"] for f in CASES["fields"]}
    for manifest in live_manifests(case["directory"]):
        assert {f["name"]: f["nullable"] for f in manifest["schema"]} == written
        for shard in manifest["shards"]:
            path = os.path.join(case["directory"], shard["file"])
            if case["format"] == "PARQUET":
                schema = pq.read_schema(path)
            else:
                schema = pyarrow.ipc.open_file(path).schema
            assert {f.name: f.nullable for f in schema} == written, path


@only(lambda case: case["case"] == "exclusive")
def test_the_rule_refuses_a_listed_shard_whose_bytes_changed(case, tmp_path):
    # A copy under the same {scope}/{id}/{name} path, so the manifest still matches its directory.
    copy = tmp_path.joinpath(*case["directory"].rstrip("/").split("/")[-3:])
    shutil.copytree(case["directory"], copy)
    manifest = live_manifests(copy)[0]
    assert all("crc32c" in shard for shard in manifest["shards"]), manifest
    shard = copy / manifest["shards"][0]["file"]
    damaged = bytearray(shard.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF  # same size, other content
    shard.write_bytes(bytes(damaged))
    with pytest.raises(ValueError, match="not the content its manifest records"):
        committed_shards(copy)


def checkpoint_directory(tmp_path):
    directory = tmp_path / "runs" / "run-1" / "orders"
    directory.mkdir(parents=True)
    return directory


def commit(directory, file_name, write_id, mode, version=0, supersedes=(), format_version=2):
    """A manifest with no shards: enough for the rule, which looks at names and `supersedes`."""
    manifest = {
        "formatVersion": format_version,
        "name": "orders",
        "scope": "RUN",
        "id": "run-1",
        "writeId": write_id,
        "fileFormat": "PARQUET",
        "mode": mode,
        "supersedes": list(supersedes),
        "shards": [],
        "totalRows": 0,
        "totalBytes": 0,
    }
    if format_version == 2:
        manifest["version"] = version
    (directory / file_name).write_text(json.dumps(manifest))


def write_ids(directory):
    return [m["writeId"] for m in live_manifests(directory)]


def test_the_rule_takes_the_highest_exclusive_version_and_the_appends_it_does_not_supersede(
    tmp_path,
):
    directory = checkpoint_directory(tmp_path)
    commit(directory, "manifest.json", "legacy", "EXCLUSIVE", format_version=1)
    commit(directory, "manifest-a1.json", "a1", "APPEND", format_version=1)
    commit(directory, "_append-a2.json", "a2", "APPEND")
    commit(directory, "_manifest-0000000001.json", "e1", "EXCLUSIVE", 1, ["a1"])
    commit(directory, "_manifest-0000000002.json", "e2", "EXCLUSIVE", 2, ["a1", "a2"])
    commit(directory, "_append-a3.json", "a3", "APPEND")
    assert write_ids(directory) == ["e2", "a3"]


def test_the_rule_reads_format_1_names_when_there_is_nothing_newer(tmp_path):
    directory = checkpoint_directory(tmp_path)
    commit(directory, "manifest.json", "legacy", "EXCLUSIVE", format_version=1)
    commit(directory, "manifest-a1.json", "a1", "APPEND", format_version=1)
    commit(directory, "_append-a2.json", "a2", "APPEND")
    assert write_ids(directory) == ["legacy", "a1", "a2"]


def test_the_rule_finds_no_checkpoint_in_a_directory_without_a_commit(tmp_path):
    directory = checkpoint_directory(tmp_path)
    (directory / "part-w-00000-of-00001.parquet").write_bytes(b"PAR1")
    assert live_manifests(directory) == []
