"""The protocol, Python to Python, on real files in temporary directories: every type round
trips in both formats (fixed-precision decimals included), the read rule (exclusive version,
appends, superseding) and RUN-before-CORRELATION resolution, projection, damage detection, the
append schema contract, manifests valid by docs/manifest.schema.json, and the golden format-2
checkpoints Java wrote."""

import json
import os
import pathlib
import shutil

import jsonschema
import polars as pl
import pyarrow as pa
import pytest

import checkpointio as cio
from checkpointio import _paths as paths
from checkpointio import arrow_mapping as am
from conftest import GOLDEN, MANIFEST_SCHEMA, assert_same_table, fixture_table

FORMATS = ["arrow", "parquet"]


def manifests_under(directory):
    return sorted(p for p in pathlib.Path(directory).rglob("*.json") if p.name.startswith("_"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_type_round_trips_exactly(root, fmt):
    table, schema = fixture_table(with_fixed_decimals=True)
    cio.write(table, root, "types", run_id="types/ü", format=fmt, num_shards=2, schema=schema)
    checkpoint = cio.read(root, "types", "types/ü", as_="checkpoint")
    assert checkpoint.schema.same_schema(schema)
    assert_same_table(checkpoint.to_arrow(), table, any_order=True)
    lazy = checkpoint.to_polars()
    assert isinstance(lazy, pl.LazyFrame)
    assert_same_table(am.conform_table(lazy.collect().to_arrow(), schema), table, any_order=True)
    # Written back from Polars (maps as lists of structs, large types), with the schema read.
    cio.write(lazy, root, "again", run_id="types/ü", format=fmt, schema=checkpoint.schema)
    assert_same_table(cio.read(root, "again", "types/ü", as_="arrow"), table, any_order=True)


@pytest.mark.parametrize("fmt", FORMATS)
def test_fixed_precision_decimals_are_decimal_columns_in_the_shards(root, fmt):
    import decimal
    frame = pl.DataFrame({"price": [decimal.Decimal("12.34"), None]},
                         schema={"price": pl.Decimal(10, 2)})
    manifest = cio.write(frame, root, "prices", run_id="r", format=fmt)
    assert manifest.to_json().count("fixed_decimal") == 1
    assert "LOGICAL_TYPE<beam:logical_type:fixed_decimal:v1>" in manifest.to_json()
    directory = paths.checkpoint_directory(root, "RUN", "r", "prices")
    shard = os.path.join(directory, manifest.shards[0].file)
    if fmt == "arrow":
        stored = pa.ipc.open_file(shard).schema.field("price").type
    else:
        import pyarrow.parquet as pq
        stored = pq.read_schema(shard).field("price").type
    assert stored == pa.decimal128(10, 2)
    back = cio.read(root, "prices", "r").collect()
    assert back.schema["price"] == pl.Decimal(10, 2)
    assert back["price"].to_list() == [decimal.Decimal("12.34"), None]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_read_rule_takes_the_newest_exclusive_and_the_appends_it_does_not_supersede(root, fmt):
    def rows(writer, ids):
        return pl.DataFrame({"id": list(ids), "writer": [writer] * len(ids)})

    cio.write(rows("first", range(0, 5)), root, "orders", run_id="r", format=fmt)
    cio.write(rows("appended", range(5, 8)), root, "orders", run_id="r", format=fmt, append=True)
    assert sorted(cio.read(root, "orders", "r").collect()["id"].to_list()) == list(range(8))
    second = cio.write(rows("second", range(100, 103)), root, "orders", run_id="r", format=fmt,
                       num_shards=2)
    assert second.version == 2 and len(second.supersedes) == 1
    cio.write(rows("late", range(200, 202)), root, "orders", run_id="r", format=fmt, append=True)
    checkpoint = cio.read(root, "orders", "r", as_="checkpoint")
    assert [m.append for m in checkpoint.manifests] == [False, True]
    frame = checkpoint.to_polars().collect().sort("id")
    assert frame["id"].to_list() == [100, 101, 102, 200, 201]
    assert set(frame["writer"].to_list()) == {"second", "late"}
    # The superseded shards are still there, within their retention, but never read.
    directory = paths.checkpoint_directory(root, "RUN", "r", "orders")
    listed = {s.file for m in checkpoint.manifests for s in m.shards}
    on_disk = {n for n in os.listdir(directory) if n.startswith("part-")}
    assert listed < on_disk
    validator = jsonschema.Draft202012Validator(json.loads(MANIFEST_SCHEMA.read_text()))
    for manifest in manifests_under(root):
        validator.validate(json.loads(manifest.read_text()))


def test_run_scope_is_read_before_correlation_scope_and_not_found_names_both(root):
    cio.write(pl.DataFrame({"v": [1]}), root, "x", correlation_id="corr/1", scope="CORRELATION")
    assert cio.read(root, "x", "run/1", correlation_id="corr/1").collect()["v"].to_list() == [1]
    cio.write(pl.DataFrame({"v": [2]}), root, "x", run_id="run/1")
    assert cio.read(root, "x", "run/1", correlation_id="corr/1").collect()["v"].to_list() == [2]
    with pytest.raises(cio.CheckpointNotFoundError) as raised:
        cio.read(root, "missing", "run/1", correlation_id="corr/1")
    message = str(raised.value)
    assert "runs/run%2F1/missing" in message and "correlations/corr%2F1/missing" in message
    with pytest.raises(cio.CheckpointNotFoundError, match="CORRELATION scope not tried"):
        cio.read(root, "missing", "run/1")


def test_a_projection_reads_only_the_fields_asked_for(root):
    cio.write(pl.DataFrame({"a": [1], "b": ["x"], "c": [2.5]}), root, "p", run_id="r")
    assert cio.read(root, "p", "r", columns=["c", "a"]).collect().columns == ["c", "a"]
    assert cio.read(root, "p", "r", columns=["b"], as_="arrow").column_names == ["b"]
    with pytest.raises(ValueError, match="no field 'zz'"):
        cio.read(root, "p", "r", columns=["zz"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_damaged_or_missing_shard_fails_naming_it(root, fmt):
    manifest = cio.write(pl.DataFrame({"a": list(range(100))}), root, "d", run_id="r", format=fmt)
    shard = os.path.join(paths.checkpoint_directory(root, "RUN", "r", "d"), manifest.shards[0].file)
    data = bytearray(pathlib.Path(shard).read_bytes())
    data[len(data) // 2] ^= 0xFF
    pathlib.Path(shard).write_bytes(bytes(data))
    with pytest.raises(cio.CheckpointCorruptedError, match="CRC32C") as raised:
        cio.read(root, "d", "r")
    assert raised.value.path == shard
    os.remove(shard)
    with pytest.raises(cio.CheckpointCorruptedError, match="is missing"):
        cio.read(root, "d", "r")


def test_an_empty_frame_commits_an_empty_checkpoint(root):
    manifest = cio.write(pl.DataFrame({"a": []}, schema={"a": pl.Int32}), root, "e", run_id="r")
    assert manifest.total_rows == 0 and len(manifest.shards) == 1
    frame = cio.read(root, "e", "r").collect()
    assert frame.height == 0 and frame.schema["a"] == pl.Int32


def test_appends_are_aligned_to_the_first_committed_schema(root):
    contract = pa.table({"id": pa.array([1], pa.int64()), "amount": pa.array([1.5], pa.float64()),
                         "note": pa.array(["n"], pa.string())})
    cio.write(contract, root, "fan", run_id="r", append=True)
    # Reordered, INT32 widened to INT64, the nullable note left out.
    cio.write(pa.table({"amount": pa.array([2.5], pa.float32()), "id": pa.array([2], pa.int32())}),
              root, "fan", run_id="r", append=True)
    frame = cio.read(root, "fan", "r").collect().sort("id")
    assert frame.columns == ["id", "amount", "note"]
    assert frame.rows() == [(1, 1.5, "n"), (2, 2.5, None)]
    with pytest.raises(cio.SchemaMismatchError, match="'extra'"):
        cio.write(pa.table({"id": [3], "amount": [1.0], "extra": [1]}), root, "fan", run_id="r",
                  append=True)
    with pytest.raises(cio.SchemaMismatchError, match="'id'"):
        cio.write(pa.table({"id": ["text"], "amount": [1.0]}), root, "fan", run_id="r", append=True)
    with pytest.raises(ValueError, match="one format"):
        cio.write(contract, root, "fan", run_id="r", append=True, format="arrow")
    cio.write(pa.table({"id": [4], "amount": [4.0], "extra": [1]}), root, "fan", run_id="r",
              append=True, drop_extra_fields=True)
    assert cio.read(root, "fan", "r").collect().height == 3


def test_a_write_that_lost_its_version_fails_and_leaves_the_winner(root, monkeypatch):
    from checkpointio import writing
    cio.write(pl.DataFrame({"w": ["first"]}), root, "race", run_id="r")
    real = writing._encode_shard

    def and_meanwhile_another_write_commits(*args, **kwargs):
        monkeypatch.setattr(writing, "_encode_shard", real)
        cio.write(pl.DataFrame({"w": ["winner"]}), root, "race", run_id="r")
        return real(*args, **kwargs)

    monkeypatch.setattr(writing, "_encode_shard", and_meanwhile_another_write_commits)
    with pytest.raises(cio.ConcurrentCheckpointWriteError):
        cio.write(pl.DataFrame({"w": ["loser"]}), root, "race", run_id="r")
    assert cio.read(root, "race", "r").collect()["w"].to_list() == ["winner"]
    directory = paths.checkpoint_directory(root, "RUN", "r", "race")
    assert not [n for n in os.listdir(directory) if n.startswith(".tmp-")]


def test_ls_lists_trees_and_cleanup_deletes_exactly_one_tree(root):
    cio.write(pl.DataFrame({"a": [1, 2]}), root, "one", run_id="daily/1")
    cio.write(pl.DataFrame({"a": [3]}), root, "two", correlation_id="c 1", scope="CORRELATION",
              format="arrow")
    trees = cio.ls(root)
    assert [(t.scope, t.id, [c.name for c in t.checkpoints]) for t in trees] == [
        ("RUN", "daily/1", ["one"]), ("CORRELATION", "c 1", ["two"])]
    assert trees[0].checkpoints[0].total_rows == 2
    assert trees[1].checkpoints[0].file_format == "ARROW"
    deleted = cio.cleanup_run(root, "daily/1")
    assert deleted.files_deleted == 2 and deleted.failures == 0
    assert not os.path.exists(paths.scope_tree(root, "RUN", "daily/1"))
    assert cio.read(root, "two", "x", correlation_id="c 1").collect()["a"].to_list() == [3]
    assert cio.cleanup_run(root, "daily/1").files_deleted == 0  # idempotent
    cio.cleanup_correlation(root, "c 1")
    assert cio.ls(root) == []


def test_cleanup_deletes_links_as_links_and_never_follows_them(root, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep")
    cio.write(pl.DataFrame({"a": [1]}), root, "n", run_id="r")
    tree = pathlib.Path(paths.scope_tree(root, "RUN", "r"))
    (tree / "n" / "link-to-dir").symlink_to(outside, target_is_directory=True)
    (tree / "link-to-file").symlink_to(outside / "precious.txt")
    cio.cleanup_run(root, "r")
    assert not tree.exists()
    assert (outside / "precious.txt").read_text() == "keep"
    # A tree that is itself a link is deleted as that link.
    (pathlib.Path(root) / "runs").mkdir(exist_ok=True)
    pathlib.Path(paths.scope_tree(root, "RUN", "linked")).symlink_to(outside)
    cio.cleanup_run(root, "linked")
    assert (outside / "precious.txt").exists()
    assert not os.path.lexists(paths.scope_tree(root, "RUN", "linked"))


def test_the_golden_format_2_checkpoints_read_as_java_reads_them(root):
    shutil.copytree(GOLDEN, root)

    def orders(ids):
        return [(i, f"customer-{i % 100}", i * 1.5, None if i % 3 == 0 else f"note {i}")
                for i in ids]

    frame = cio.read(root, "orders", "golden-run").collect().sort("id")
    assert frame.rows() == orders(list(range(100, 110)) + list(range(110, 113)))
    assert frame.schema == pl.Schema({"id": pl.Int64, "customer": pl.String,
                                      "amount": pl.Float64, "note": pl.String})
    arrow = cio.read(root, "orders arrow", "golden-run", as_="arrow").sort_by("id")
    assert [tuple(r.values()) for r in arrow.to_pylist()] == orders(range(200, 207))
    kept = cio.read(root, "kept", "golden-run", correlation_id="golden/correlation").collect()
    assert kept.sort("id").rows() == orders(range(300, 304))


def test_format_1_manifests_are_read_and_outranked_by_format_2(root):
    """manifest.json (format 1) counts as exclusive version 0; any _manifest-{v}.json outranks
    it; format-1 append manifests manifest-{writeId}.json count as appends."""
    old = cio.write(pl.DataFrame({"v": [1]}), root, "legacy", run_id="r")
    appended = cio.write(pl.DataFrame({"v": [2]}), root, "legacy", run_id="r", append=True)
    directory = pathlib.Path(paths.checkpoint_directory(root, "RUN", "r", "legacy"))
    for manifest, name in ((old, "_manifest-0000000001.json"),
                           (appended, f"_append-{appended.write_id}.json")):
        document = json.loads((directory / name).read_text())
        document["formatVersion"] = 1
        for field in ("version", "supersedes", "totalRows", "totalBytes"):
            document.pop(field)
        for shard in document["shards"]:
            shard.pop("crc32c")
        (directory / name).unlink()
        legacy = "manifest.json" if name.startswith("_manifest") else f"manifest-{manifest.write_id}.json"
        (directory / legacy).write_text(json.dumps(document))
    assert sorted(cio.read(root, "legacy", "r").collect()["v"].to_list()) == [1, 2]
    newer = cio.write(pl.DataFrame({"v": [3]}), root, "legacy", run_id="r")
    assert newer.version == 1 and newer.supersedes == [appended.write_id]
    assert cio.read(root, "legacy", "r").collect()["v"].to_list() == [3]
