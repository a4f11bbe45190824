"""Checkpoints that OutsideReadersTest wrote, described by the cases.json it names in
CHECKPOINTIO_OUTSIDE_CASES; each test that takes `case` runs once per checkpoint."""

import collections
import json
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))


def _load():
    path = os.environ.get("CHECKPOINTIO_OUTSIDE_CASES")
    if not path:
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


CASES = _load()


def pytest_collection_modifyitems(config, items):
    if CASES is None:
        skip = pytest.mark.skip(reason="run by OutsideReadersTest (CHECKPOINTIO_OUTSIDE_CASES unset)")
        for item in items:
            if "case" in getattr(item, "fixturenames", ()):
                item.add_marker(skip)


def pytest_generate_tests(metafunc):
    if "case" not in metafunc.fixturenames:
        return
    cases = CASES["cases"] if CASES else []
    wanted = getattr(metafunc.function, "cases", None)
    chosen = [c for c in cases if wanted is None or wanted(c)]
    if "reader" in metafunc.fixturenames:
        # The module's READERS: for each file format, reader names and functions.
        pairs = [(c, r) for c in chosen for r in metafunc.module.READERS[c["format"]]]
        metafunc.parametrize("case,reader", pairs, ids=[f"{_id(c)}-{r}" for c, r in pairs])
    else:
        metafunc.parametrize("case", chosen, ids=[_id(c) for c in chosen])


def _id(case):
    return f"{case['case']}-{case['format'].lower()}"


def only(predicate):
    """Runs the decorated test only on the cases for which `predicate(case)` is true."""

    def mark(function):
        function.cases = predicate
        return function

    return mark


def field_names():
    return [f["name"] for f in CASES["fields"]]


def rows_of(table):
    """A pyarrow table, Polars frame or DuckDB relation as a multiset of row tuples, fields in
    the order of the written schema."""
    names = field_names()
    if hasattr(table, "fetchall"):  # DuckDB
        columns = ", ".join(f'"{n}"' for n in names)
        return collections.Counter(map(tuple, table.project(columns).fetchall()))
    if hasattr(table, "to_pylist"):  # pyarrow
        return collections.Counter(tuple(row[n] for n in names) for row in table.to_pylist())
    return collections.Counter(table.select(names).rows())  # Polars


def rows(listed):
    return collections.Counter(tuple(row) for row in listed)


def assert_same_rows(actual, expected, reader):
    """Fails with which writes' rows came back too often or not at all."""
    extra = actual - expected
    missing = expected - actual
    if extra or missing:

        def by_writer(counter):
            writers = collections.Counter()
            for row, n in counter.items():
                writers[row[1]] += n
            return dict(writers)

        pytest.fail(
            f"{reader} returned {sum(actual.values())} rows, expected {sum(expected.values())}:"
            f" extra rows by writer {by_writer(extra)}, missing rows by writer {by_writer(missing)}"
        )
