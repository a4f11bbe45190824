"""Fixed-precision decimals (`withDecimal`, or Beam's FixedPrecisionNumeric) are decimal columns
to pyarrow, Polars and DuckDB: decimal128(p, s), Decimal(p, s), DECIMAL(p, s), with every value
exact and at the column's scale.

OutsideReadersTest writes the checkpoints and describes them in the JSON file that
CHECKPOINTIO_DECIMAL_CASES names: per format, the directory, each decimal field's precision and
scale, and the rows as text (decimals in plain notation at their scale, null as null).
"""

import decimal
import json
import os

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.ipc
import pyarrow.parquet as pq
import pytest


def _load():
    path = os.environ.get("CHECKPOINTIO_DECIMAL_CASES")
    if not path:
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


CASES = _load()

pytestmark = pytest.mark.skipif(
    CASES is None, reason="run by OutsideReadersTest (CHECKPOINTIO_DECIMAL_CASES unset)"
)


def _cases():
    # Not "case": conftest.py parametrizes that fixture with OutsideReadersTest's other cases.
    return pytest.mark.parametrize(
        "checkpoint", CASES["cases"] if CASES else [], ids=lambda c: c["format"].lower()
    )


def _shards(checkpoint):
    directory = checkpoint["directory"]
    suffix = ".parquet" if checkpoint["format"] == "PARQUET" else ".arrow"
    names = sorted(n for n in os.listdir(directory) if n.startswith("part-") and n.endswith(suffix))
    assert names, f"no shard in {directory}"
    return [os.path.join(directory, n) for n in names]


def _pyarrow_table(checkpoint):
    if checkpoint["format"] == "PARQUET":
        tables = [pq.read_table(path) for path in _shards(checkpoint)]
    else:
        tables = [pyarrow.ipc.open_file(path).read_all() for path in _shards(checkpoint)]
    return pa.concat_tables(tables)


def _text(value):
    if value is None:
        return None
    assert isinstance(value, decimal.Decimal), f"{value!r} is no Decimal"
    return format(value, "f")  # plain notation, keeping the exponent: the scale


def _assert_rows(rows, checkpoint, reader):
    names = CASES["fields"]
    actual = sorted(
        (tuple(str(v) if n == "id" else _text(v) for n, v in zip(names, row)) for row in rows),
        key=repr,
    )
    expected = sorted(
        (
            tuple(str(v) if n == "id" else v for n, v in zip(names, row))
            for row in checkpoint["rows"]
        ),
        key=repr,
    )
    assert actual == expected, f"{reader} read other values"


@_cases()
def test_pyarrow_reads_decimal128_columns_with_exact_values(checkpoint):
    table = _pyarrow_table(checkpoint)
    for name, (precision, scale) in CASES["decimals"].items():
        assert table.schema.field(name).type == pa.decimal128(precision, scale), name
    names = CASES["fields"]
    _assert_rows(
        [tuple(row[n] for n in names) for row in table.to_pylist()], checkpoint, "pyarrow"
    )


@_cases()
def test_polars_reads_decimal_columns_with_exact_values(checkpoint):
    if checkpoint["format"] == "PARQUET":
        frame = pl.concat([pl.read_parquet(path) for path in _shards(checkpoint)])
    else:
        frame = pl.concat([pl.read_ipc(path) for path in _shards(checkpoint)])
    for name, (precision, scale) in CASES["decimals"].items():
        assert frame.schema[name] == pl.Decimal(precision, scale), (name, frame.schema[name])
    _assert_rows(frame.select(CASES["fields"]).rows(), checkpoint, "polars")


@_cases()
def test_duckdb_reads_decimal_columns_with_exact_values(checkpoint):
    if checkpoint["format"] == "PARQUET":
        relation = duckdb.read_parquet(_shards(checkpoint))
    else:
        table = _pyarrow_table(checkpoint)
        relation = duckdb.from_arrow(table)
    types = dict(zip(relation.columns, (str(t) for t in relation.types)))
    for name, (precision, scale) in CASES["decimals"].items():
        assert types[name] == f"DECIMAL({precision},{scale})", (name, types[name])
    columns = ", ".join(f'"{n}"' for n in CASES["fields"])
    _assert_rows(relation.project(columns).fetchall(), checkpoint, "duckdb")
