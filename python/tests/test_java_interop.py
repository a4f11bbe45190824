"""Java writes, Python reads; Python writes, Java reads. PythonPackageTest (Java) writes
checkpoints with Beam pipelines, then runs this suite with CHECKPOINTIO_JAVA_CASES naming them;
the checkpoints written here are read back there by CheckpointIO.read in real pipelines.
Skipped when the suite runs on its own."""

import datetime as dt

import polars as pl
import pytest

import checkpointio as cio
from conftest import assert_same_table, fixture_table, interop_paths

CASES = interop_paths()
pytestmark = pytest.mark.skipif(CASES is None, reason="run by PythonPackageTest (Java)")
FORMATS = ["arrow", "parquet"]


def orders(ids):
    """TestRows.orders of the Java suite."""
    return [(i, f"customer-{i % 100}", i * 1.5, None if i % 3 == 0 else f"note {i}") for i in ids]


def java(name, fmt, **kwargs):
    return cio.read(CASES["javaRoot"], f"{name}-{fmt}", CASES["javaRun"], **kwargs)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_type_java_wrote_reads_as_the_fixture(fmt):
    expected, schema = fixture_table()
    checkpoint = java("types", fmt, as_="checkpoint")
    assert checkpoint.file_format == fmt.upper()
    assert checkpoint.schema.same_schema(schema)
    assert_same_table(checkpoint.to_arrow(), expected, any_order=True)
    from checkpointio import arrow_mapping as am
    collected = checkpoint.to_polars().collect().to_arrow()
    assert_same_table(am.conform_table(collected, schema), expected, any_order=True)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_read_rule_and_scopes_apply_to_what_java_committed(fmt):
    frame = java("orders", fmt).collect().sort("id")
    assert frame.rows() == orders(list(range(100, 113)))
    kept = java("kept", fmt, correlation_id=CASES["correlation"]).collect().sort("id")
    assert kept.rows() == orders(range(300, 304))
    with pytest.raises(cio.CheckpointNotFoundError):
        java("kept", fmt)


def test_ls_lists_what_java_wrote():
    trees = cio.ls(CASES["javaRoot"])
    assert [(t.scope, t.id) for t in trees] == [("RUN", CASES["javaRun"]),
                                               ("CORRELATION", CASES["correlation"])]
    names = [c.name for c in trees[0].checkpoints]
    assert names == ["orders-arrow", "orders-parquet", "types-arrow", "types-parquet"]
    assert trees[0].checkpoints[0].total_rows == 13


@pytest.mark.parametrize("fmt", FORMATS)
def test_python_writes_what_java_then_reads(fmt):
    """The checkpoints PythonPackageTest reads back with Beam pipelines."""
    root, run, corr = CASES["pythonRoot"], CASES["pythonRun"], CASES["correlation"]
    table, schema = fixture_table()
    cio.write(table, root, f"types-{fmt}", run_id=run, format=fmt, num_shards=2, schema=schema)
    read = java("types", fmt, as_="checkpoint")
    # Compressed as Java can be asked to compress: ZSTD Parquet pages, ZSTD Arrow bodies.
    cio.write(read.to_polars(), root, f"roundtrip-{fmt}", run_id=run, format=fmt,
              schema=read.schema, compression="zstd")

    wall = dt.datetime(2026, 11, 23, 8, 15, 30, 123456)
    inferred = pl.DataFrame({
        "id": [1, 2], "name": ["first", None], "price": [2.5, None],
        "small": pl.Series([-3, None], dtype=pl.Int16), "flag": [True, None],
        "day": [dt.date(2026, 11, 23), None],
        "at": pl.Series([wall, None], dtype=pl.Datetime("us")).dt.replace_time_zone("UTC"),
        "wall": pl.Series([wall, None], dtype=pl.Datetime("ns")),
        "clock": [dt.time(8, 15, 30, 123456), None],
        "tags": [["a", None], None],
        "address": [{"city": "Zürich", "zip": 8001}, None],
    }, schema_overrides={"address": pl.Struct({"city": pl.String, "zip": pl.Int32})})
    cio.write(inferred.lazy(), root, f"inferred-{fmt}", run_id=run, format=fmt)

    # For Java to append to: its contract is what Python inferred from Polars.
    cio.write(pl.DataFrame({"id": [1], "day": [dt.date(2026, 11, 23)], "note": ["python"]}),
              root, f"appended-by-java-{fmt}", run_id=run, format=fmt)

    order = java("orders", fmt, as_="checkpoint").schema

    def frame(ids):
        return pl.DataFrame(orders(ids), schema=["id", "customer", "amount", "note"], orient="row")

    cio.write(frame(range(0, 5)), root, f"orders-{fmt}", run_id=run, format=fmt, schema=order)
    cio.write(frame(range(5, 8)), root, f"orders-{fmt}", run_id=run, format=fmt, append=True)
    cio.write(frame(range(100, 103)), root, f"orders-{fmt}", run_id=run, format=fmt,
              schema=order, num_shards=2)
    cio.write(frame(range(200, 202)), root, f"orders-{fmt}", run_id=run, format=fmt, append=True)
    cio.write(frame(range(300, 304)), root, f"kept-{fmt}", correlation_id=corr,
              scope="CORRELATION", format=fmt, schema=order)
    # Appended to Java's checkpoint: aligned to the contract Java committed (non-null fields,
    # field order), with a Polars frame whose columns come in another order.
    appended = frame(range(500, 503)).select("note", "amount", "customer", "id")
    cio.write(appended, CASES["javaRoot"], f"orders-{fmt}", run_id=CASES["javaRun"], format=fmt,
              append=True)
    assert sorted(java("orders", fmt).collect()["id"].to_list()) == (
        list(range(100, 113)) + [500, 501, 502])


@pytest.mark.parametrize("fmt", FORMATS)
def test_s3_through_pyarrow_against_the_java_tests_s3_server(fmt):
    """Java wrote orders 0–6 on s3:// (S3Proxy); Python reads them, then writes its own there
    (exclusive 0–6 with Java's schema, an append of 7–9) for Java to read, and lists and
    cleans a tree of its own."""
    java_root, python_root = CASES["s3JavaRoot"], CASES["s3PythonRoot"]
    checkpoint = cio.read(java_root, f"orders-{fmt}", CASES["javaRun"], as_="checkpoint")
    assert checkpoint.files[0].startswith("s3://python-interop/java/runs/java%2Frun%20%C3%BC/")
    assert checkpoint.to_polars().collect().sort("id").rows() == orders(range(0, 7))
    assert checkpoint.to_arrow().num_rows == 7
    frame = checkpoint.to_polars().collect()
    cio.write(frame, python_root, f"orders-{fmt}", run_id=CASES["pythonRun"], format=fmt,
              schema=checkpoint.schema)
    more = pl.DataFrame(orders(range(7, 10)), schema=["id", "customer", "amount", "note"],
                        orient="row")
    cio.write(more, python_root, f"orders-{fmt}", run_id=CASES["pythonRun"], format=fmt,
              append=True)
    assert sorted(cio.read(python_root, f"orders-{fmt}", CASES["pythonRun"]).collect()["id"]
                  .to_list()) == list(range(10))
    scratch = f"scratch-{fmt}"
    cio.write(frame, python_root, "x", run_id=scratch, format=fmt)
    assert [c.name for t in cio.ls(python_root) if t.id == scratch for c in t.checkpoints] == ["x"]
    deleted = cio.cleanup_run(python_root, scratch)
    assert deleted.files_deleted == 2 and deleted.failures == 0
    assert scratch not in [t.id for t in cio.ls(python_root)]


def test_ls_of_the_java_root_for_the_java_side_to_compare():
    """Last in this file: what ls() sees under Java's root, for PythonPackageTest to compare
    with the Java store's own listing (FindScopeTrees, CommittedManifests.inTree)."""
    import json
    import pathlib
    trees = [{"scope": t.scope, "id": t.id, "files": t.files, "bytes": t.bytes,
              "checkpoints": [[c.name, c.file_format, c.total_rows, c.total_bytes]
                              for c in t.checkpoints]}
             for t in cio.ls(CASES["javaRoot"])]
    pathlib.Path(CASES["lsOut"]).write_text(json.dumps(trees), encoding="utf-8")
