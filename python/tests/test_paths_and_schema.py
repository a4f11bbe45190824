"""The shared fixture, Python half: ids encode to the listed segments and back, and every
type case (as Java's SchemaTranslation encoded it) decodes, re-encodes to the same bytes, and
maps to the Arrow and Polars types docs/python.md lists."""

import base64

import polars as pl
import pytest

from checkpointio import _paths as paths
from checkpointio import arrow_mapping as am
from checkpointio import beam_schema as bs
from conftest import fixture_field, fixture_table, load_fixture

FIXTURE = load_fixture()


@pytest.mark.parametrize("case", FIXTURE["segments"], ids=lambda c: c["segment"][:30])
def test_awkward_ids_encode_to_the_listed_segment_and_back(case):
    assert paths.encode(case["label"], case["value"]) == case["segment"]
    assert paths.decode(case["label"], case["segment"]) == case["value"]


@pytest.mark.parametrize("case", FIXTURE["rejected"], ids=lambda c: repr(c["value"])[:20])
def test_ids_that_cannot_be_one_segment_are_rejected_quoting_them(case):
    with pytest.raises(ValueError, match=f"Invalid {case['label']}"):
        paths.encode(case["label"], case["value"])


def test_segments_no_id_encodes_to_are_not_decoded():
    for segment in FIXTURE["undecodable"]:
        assert paths.decode("runId", segment) is None


@pytest.mark.parametrize("case", FIXTURE["types"], ids=lambda c: c["field"])
def test_each_java_encoded_type_decodes_and_reencodes_to_the_same_bytes(case):
    data = base64.b64decode(case["beamSchema"])
    schema = bs.schema_from_proto(data)
    assert bs.schema_to_proto(schema) == data
    field = schema.fields[0]
    assert field.name == case["field"]
    assert bs.type_name(field.type) == case["beamType"]
    assert field.type.nullable == case["nullable"]
    if "arrow" in case:
        assert str(am.arrow_type(field.type)) == case["arrow"]
        frame = pl.from_arrow(fixture_table()[0].select([case["field"]]))
        assert str(frame.schema[case["field"]]) == case["polars"]


def test_inferred_types_encode_as_java_encodes_them():
    """A Polars frame's types become the Beam types Java would name, with Java's bytes (the
    schema id aside)."""
    java = {c["field"]: fixture_field(c) for c in FIXTURE["types"]}
    table, schema = fixture_table()
    for field in schema.fields:
        if field.type.kind in ("LOGICAL_TYPE",) and field.type.urn in (
                bs.DECIMAL_URN, bs.ENUM_URN):
            continue  # text in Arrow; written as STRING unless a schema says otherwise
        if field.type.kind in ("BYTE", "INT16", "INT32", "INT64", "FLOAT", "DOUBLE", "BOOLEAN",
                               "STRING", "BYTES", "LOGICAL_TYPE"):
            inferred = am.infer(field.name, table.schema.field(field.name).type,
                                field.type.nullable)
            assert inferred.same_type(java[field.name].type), field.name
            one = bs.Schema((bs.Field(field.name, inferred),), "00000000-0000-0000-0000-000000000000")
            java_one = bs.Schema((java[field.name],), "00000000-0000-0000-0000-000000000000")
            if field.type.kind != "LOGICAL_TYPE" or field.type.urn == bs.FIXED_BYTES_URN:
                assert bs.schema_to_proto(one) == bs.schema_to_proto(java_one), field.name
