"""Helpers of the Python suite: the fixture both suites share
(src/test/resources/interop/types.json), as pyarrow tables, and a comparison of tables that
holds NaN equal to NaN and tells -0.0 from 0.0."""

import base64
import datetime as dt
import json
import math
import os
import pathlib

import pyarrow as pa
import pytest

from checkpointio import arrow_mapping as am
from checkpointio import beam_schema as bs

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
FIXTURE = REPOSITORY / "src" / "test" / "resources" / "interop" / "types.json"
MANIFEST_SCHEMA = REPOSITORY / "docs" / "manifest.schema.json"
GOLDEN = REPOSITORY / "src" / "test" / "resources" / "golden" / "format-2"


def load_fixture():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def fixture_field(case):
    return bs.schema_from_proto(base64.b64decode(case["beamSchema"])).fields[0]


def fixture_schema(with_fixed_decimals=True):
    cases = [c for c in load_fixture()["types"] if with_fixed_decimals or "decimal" not in c]
    return bs.Schema(tuple(fixture_field(c) for c in cases))


def fixture_table(with_fixed_decimals=True):
    """The fixture's rows as canonical Arrow (what ARROW shards hold and reads return)."""
    doc = load_fixture()
    cases = [c for c in doc["types"] if with_fixed_decimals or "decimal" not in c]
    schema = bs.Schema(tuple(fixture_field(c) for c in cases))
    columns = []
    for case, field in zip(cases, schema.fields):
        values = case["values"]
        python = [value(field.type, values[i % len(values)]) for i in range(doc["rows"])]
        columns.append(pa.array(python, type=am.arrow_type(field.type)))
    return pa.Table.from_arrays(columns, schema=am.arrow_schema(schema)), schema


def _nanos_of_day(text):
    main, _, fraction = text.partition(".")
    hours, minutes, seconds = (int(x) for x in main.split(":"))
    return ((hours * 60 + minutes) * 60 + seconds) * 10**9 + int(fraction.ljust(9, "0") or 0)


def _epoch(text, unit_per_second):
    """ISO local date-time or instant ("…Z") to an integer count of 1/unit_per_second."""
    text = text.rstrip("Z")
    day, _, clock = text.partition("T")
    days = (dt.date.fromisoformat(day) - dt.date(1970, 1, 1)).days
    nanos = days * 86_400 * 10**9 + _nanos_of_day(clock)
    return nanos // (10**9 // unit_per_second)


def value(t, v):
    """A fixture value as the Python value pyarrow takes for the canonical Arrow type."""
    if v is None:
        return None
    k = t.kind
    if k in ("FLOAT", "DOUBLE"):
        return float(v)
    if k == "BYTES":
        return base64.b64decode(v)
    if k in ("ARRAY", "ITERABLE"):
        return [value(t.element, e) for e in v]
    if k == "MAP":
        return [(value(t.key, kv[0]), value(t.value, kv[1])) for kv in v]
    if k == "ROW":
        return {f.name: value(f.type, v.get(f.name)) for f in t.row.fields}
    if k != "LOGICAL_TYPE":
        return v
    urn = t.urn
    if urn == bs.MILLIS_INSTANT_URN:
        return _epoch(v, 1000)
    if urn == bs.MICROS_INSTANT_URN:
        return _epoch(v, 10**6)
    if urn == bs.DATETIME_URN:
        return _epoch(v, 10**9)
    if urn == bs.DATE_URN:
        return (dt.date.fromisoformat(v) - dt.date(1970, 1, 1)).days
    if urn == bs.TIME_URN:
        return _nanos_of_day(v)
    if urn == bs.FIXED_BYTES_URN:
        return base64.b64decode(v)
    if urn == bs.FIXED_DECIMAL_URN:
        import decimal
        return decimal.Decimal(v)
    return v  # DECIMAL text, enumeration names


def _integers(t):
    """The Arrow type with temporal leaves as integers, so values compare exactly."""
    if pa.types.is_timestamp(t) or pa.types.is_time64(t):
        return pa.int64()
    if pa.types.is_date32(t):
        return pa.int32()
    if pa.types.is_list(t):
        return pa.list_(pa.field(t.value_field.name, _integers(t.value_type), t.value_field.nullable))
    if pa.types.is_map(t):
        return pa.map_(pa.field("key", _integers(t.key_type), False),
                       pa.field("value", _integers(t.item_type), t.item_field.nullable))
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, _integers(f.type), f.nullable) for f in t])
    return t


def _plain(v):
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if v == 0 and math.copysign(1, v) < 0:
            return "-0.0"
        return v
    if isinstance(v, list):
        return [_plain(e) for e in v]
    if isinstance(v, tuple):
        return tuple(_plain(e) for e in v)
    if isinstance(v, dict):
        return {k: _plain(e) for k, e in v.items()}
    return v


def rows_of(table):
    """The table's rows as plain Python values, comparable exactly."""
    integral = pa.schema([pa.field(f.name, _integers(f.type), f.nullable) for f in table.schema])
    columns = [am.conform(table.column(i), integral.field(i).type) for i in range(len(integral))]
    return [_plain(r) for r in pa.Table.from_arrays(columns, schema=integral).to_pylist()]


def assert_same_table(actual, expected, any_order=False):
    """Same schema and the same rows; in any order if asked (a checkpoint of several shards)."""
    assert actual.schema.equals(expected.schema), f"{actual.schema}\n!=\n{expected.schema}"
    a, e = rows_of(actual), rows_of(expected)
    if any_order:
        a.sort(key=repr)
        e.sort(key=repr)
    differences = [(i, name, x.get(name), y[name]) for i, (x, y) in enumerate(zip(a, e))
                   for name in y if x.get(name) != y[name]]
    assert not differences, "row, field, read, expected: " + repr(differences)[:3000]
    assert len(a) == len(e)


@pytest.fixture
def root(tmp_path):
    return str(tmp_path / "checkpoints")


def interop_paths():
    """Where PythonPackageTest put Java's checkpoints (cases JSON) and wants Python's; None
    when the suite runs on its own."""
    cases = os.environ.get("CHECKPOINTIO_JAVA_CASES")
    return (json.loads(pathlib.Path(cases).read_text(encoding="utf-8")) if cases else None)
