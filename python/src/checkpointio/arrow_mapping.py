"""How each Beam type is held in Arrow and in the shards of each format (docs/formats.md):

* ARROW shards hold the canonical Arrow type of `arrow_type`, which is also what reads return
  for both formats;
* PARQUET shards hold what Java's parquet-avro path writes: BYTE and INT16 as int32, DECIMAL
  as text, SqlTypes.TIME as int64 nanoseconds of the day, SqlTypes.DATETIME as a struct of
  epoch day and nanosecond of day, maps with non-string keys as lists of key/value structs,
  and field names sanitised as Avro names are. `to_parquet` and `from_parquet` convert."""

import pyarrow as pa
import pyarrow.compute as pc

from . import beam_schema as bs

NANOS_PER_DAY = 86_400_000_000_000


def arrow_type(t):
    """The Arrow type CheckpointIO's ARROW format stores a Beam type as."""
    k = t.kind
    simple = {"BYTE": pa.int8(), "INT16": pa.int16(), "INT32": pa.int32(), "INT64": pa.int64(),
              "FLOAT": pa.float32(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
              "STRING": pa.string(), "BYTES": pa.binary()}
    if k in simple:
        return simple[k]
    if k in ("ARRAY", "ITERABLE"):
        return pa.list_(pa.field("item", arrow_type(t.element), t.element.nullable))
    if k == "MAP":
        if t.key.nullable:
            raise ValueError("ARROW cannot hold a MAP with nullable keys: Arrow map keys are never null")
        return pa.map_(pa.field("key", arrow_type(t.key), False),
                       pa.field("value", arrow_type(t.value), t.value.nullable))
    if k == "ROW":
        return pa.struct(arrow_schema(t.row))
    urn = t.urn
    if urn == bs.DECIMAL_URN or urn == bs.ENUM_URN:
        return pa.string()
    if urn == bs.MILLIS_INSTANT_URN:
        return pa.timestamp("ms", tz="UTC")
    if urn == bs.DATE_URN:
        return pa.date32()
    if urn == bs.TIME_URN:
        return pa.time64("ns")
    if urn == bs.DATETIME_URN:
        return pa.timestamp("ns")
    if urn == bs.MICROS_INSTANT_URN:
        return pa.timestamp("us", tz="UTC")
    if urn == bs.FIXED_BYTES_URN:
        return pa.binary(t.argument)
    if urn == bs.FIXED_DECIMAL_URN:
        return pa.decimal128(*t.argument)
    if t.representation is not None:
        return arrow_type(t.representation)  # other logical types: their base type
    raise ValueError(f"no Arrow type for Beam logical type {urn}")


def arrow_schema(schema):
    return pa.schema([pa.field(f.name, arrow_type(f.type), f.type.nullable) for f in schema.fields])


def infer(name, arrow, nullable):
    """The Beam type a written Arrow (pyarrow or Polars) column becomes."""
    t = arrow
    n = nullable
    if pa.types.is_dictionary(t):
        return infer(name, t.value_type, n)
    for test, kind in ((pa.types.is_int8, "BYTE"), (pa.types.is_int16, "INT16"),
                       (pa.types.is_int32, "INT32"), (pa.types.is_int64, "INT64"),
                       (pa.types.is_uint8, "INT16"), (pa.types.is_uint16, "INT32"),
                       (pa.types.is_uint32, "INT64"), (pa.types.is_float32, "FLOAT"),
                       (pa.types.is_float64, "DOUBLE"), (pa.types.is_boolean, "BOOLEAN")):
        if test(t):
            return bs.atomic(kind, n)
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return bs.atomic("STRING", n)
    if pa.types.is_fixed_size_binary(t):
        return bs.fixed_bytes(t.byte_width, n)
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_binary_view(t):
        return bs.atomic("BYTES", n)
    if pa.types.is_date32(t) or pa.types.is_date64(t):
        return bs.date(n)
    if pa.types.is_time(t):
        return bs.time(n)
    if pa.types.is_timestamp(t):
        if t.tz is None:
            return bs.local_datetime(n)
        return bs.datetime_millis(n) if t.unit in ("s", "ms") else bs.timestamp_micros(n)
    if pa.types.is_decimal(t):
        if t.precision > 38:
            raise ValueError(f"field '{name}': decimal precision {t.precision} is over 38")
        return bs.fixed_decimal(t.precision, t.scale, n)
    if pa.types.is_map(t):
        return bs.map_of(infer(name, t.key_type, False),
                         infer(name, t.item_type, t.item_field.nullable), n)
    if (pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_list_view(t)
            or pa.types.is_large_list_view(t) or pa.types.is_fixed_size_list(t)):
        return bs.array(infer(name, t.value_type, t.value_field.nullable), n)
    if pa.types.is_struct(t):
        return bs.row(bs.Schema(tuple(
            bs.Field(f.name, infer(f"{name}.{f.name}", f.type, f.nullable)) for f in t)), n)
    raise ValueError(
        f"field '{name}' has Arrow type {t}, which no Beam type of the mapping holds"
        " (docs/python.md#type-mapping); cast it first")


def infer_schema(arrow_schema_):
    return bs.Schema(tuple(bs.Field(f.name, infer(f.name, f.type, f.nullable))
                           for f in arrow_schema_))


# ---- PARQUET -----------------------------------------------------------------------------

def avro_names(names):
    """Java's Avro field names: other characters than [A-Za-z0-9_] become '_', a leading digit
    (or nothing) gets a leading '_', and clashes get a suffix _1, _2, …"""
    used = set()
    out = []
    for name in names:
        base = "".join(c if (c.isascii() and (c.isalnum() or c == "_")) else "_" for c in name)
        if not base or base[0].isdigit():
            base = "_" + base
        candidate = base
        suffix = 1
        while candidate in used:
            candidate = f"{base}_{suffix}"
            suffix += 1
        used.add(candidate)
        out.append(candidate)
    return out


def parquet_type(t):
    """The Arrow type that, written by pyarrow, gives the Parquet column Java writes."""
    k = t.kind
    if k in ("BYTE", "INT16"):
        return pa.int32()
    if k in ("ARRAY", "ITERABLE"):
        return pa.list_(pa.field("element", parquet_type(t.element), t.element.nullable))
    if k == "MAP":
        if t.key.kind == "STRING" and not t.key.nullable:
            return pa.map_(pa.field("key", pa.string(), False),
                           pa.field("value", parquet_type(t.value), t.value.nullable))
        entry = pa.struct([pa.field("key", parquet_type(t.key), t.key.nullable),
                           pa.field("value", parquet_type(t.value), t.value.nullable)])
        return pa.list_(pa.field("element", entry, False))
    if k == "ROW":
        return pa.struct(parquet_fields(t.row))
    if k == "LOGICAL_TYPE" and t.urn == bs.TIME_URN:
        return pa.int64()
    if k == "LOGICAL_TYPE" and t.urn == bs.DATETIME_URN:
        # The names of Beam's representation row, which Java's Avro conversion writes.
        return pa.struct([pa.field("Date", pa.int64(), False), pa.field("Time", pa.int64(), False)])
    return arrow_type(t)


def parquet_fields(schema):
    return [pa.field(avro, parquet_type(f.type), f.type.nullable)
            for avro, f in zip(avro_names(schema.names()), schema.fields)]


def needs_conversion(t):
    """True if the Parquet column of `t` differs from its canonical Arrow type."""
    k = t.kind
    if k in ("BYTE", "INT16", "MAP"):
        return True
    if k in ("ARRAY", "ITERABLE"):
        return needs_conversion(t.element)
    if k == "ROW":
        return (avro_names(t.row.names()) != t.row.names()
                or any(needs_conversion(f.type) for f in t.row.fields))
    return k == "LOGICAL_TYPE" and t.urn in (bs.TIME_URN, bs.DATETIME_URN)


def to_parquet(array, t):
    """A canonical Arrow array of Beam type `t`, as the Parquet storage type."""
    return _convert(array, t, _leaf_to_parquet, parquet_type)


def from_parquet(array, t):
    """A Parquet storage array of Beam type `t`, as its canonical Arrow type."""
    return _convert(array, t, _leaf_from_parquet, arrow_type)


def _convert(array, t, leaf, target_type):
    if isinstance(array, pa.ChunkedArray):
        chunks = [_convert(c, t, leaf, target_type) for c in array.chunks]
        return pa.chunked_array(chunks, type=target_type(t))
    if not needs_conversion(t):
        return conform(array, target_type(t))
    k = t.kind
    mask = array.is_null() if array.null_count else None
    if k in ("ARRAY", "ITERABLE") or (k == "MAP" and not _native_map(array, t)):
        result_type = target_type(t)
        if k == "MAP":
            values = _convert_entries(array.values, t, leaf, target_type, result_type)
        else:
            values = _convert(array.values, t.element, leaf, target_type)
        offsets = array.offsets
        if pa.types.is_map(result_type):
            return pa.MapArray.from_arrays(offsets, values.field(0), values.field(1),
                                           type=result_type, mask=mask)
        return pa.ListArray.from_arrays(offsets, values, type=result_type, mask=mask)
    if k == "MAP":
        result_type = target_type(t)
        entries = _convert_entries(
            pa.StructArray.from_arrays([array.keys, array.items], names=["key", "value"]),
            t, leaf, target_type, result_type)
        if pa.types.is_map(result_type):
            return pa.MapArray.from_arrays(array.offsets, entries.field(0), entries.field(1),
                                           type=result_type, mask=mask)
        return pa.ListArray.from_arrays(array.offsets, entries, type=result_type, mask=mask)
    if k == "ROW":
        children = [_convert(array.field(i), f.type, leaf, target_type)
                    for i, f in enumerate(t.row.fields)]
        return _struct(children, list(target_type(t)), mask)
    return leaf(array, t)


def _native_map(array, t):
    return pa.types.is_map(array.type)


def _convert_entries(entries, t, leaf, target_type, result_type):
    key = _convert(entries.field(0), t.key, leaf, target_type)
    value = _convert(entries.field(1), t.value, leaf, target_type)
    if pa.types.is_map(result_type):
        fields = [result_type.key_field, result_type.item_field]
    else:
        fields = list(result_type.value_type)
    return pa.StructArray.from_arrays([key, value], fields=fields)


def _leaf_to_parquet(array, t):
    if t.kind in ("BYTE", "INT16"):
        return array.cast(pa.int32())
    if t.urn == bs.TIME_URN:
        return array.cast(pa.int64())
    # SqlTypes.DATETIME: epoch day and nanosecond of the day, floored (as Java's LocalDateTime
    # splits it), so a time before 1970 has a negative day and a positive time.
    nanos = pc.fill_null(array.cast(pa.int64()), 0)
    days = pc.divide(nanos, NANOS_PER_DAY)          # integer division, towards zero
    of_day = pc.subtract(nanos, pc.multiply(days, NANOS_PER_DAY))
    negative = pc.less(of_day, 0)
    days = pc.if_else(negative, pc.subtract(days, 1), days)
    of_day = pc.if_else(negative, pc.add(of_day, NANOS_PER_DAY), of_day)
    mask = array.is_null() if array.null_count else None
    return pa.StructArray.from_arrays([days, of_day], fields=list(parquet_type(t)), mask=mask)


def _leaf_from_parquet(array, t):
    if t.kind in ("BYTE", "INT16"):
        return array.cast(arrow_type(t))
    if t.urn == bs.TIME_URN:
        return array.cast(pa.time64("ns"))
    days = array.field(0).cast(pa.int64())
    of_day = array.field(1).cast(pa.int64())
    nanos = pc.add(pc.multiply(days, NANOS_PER_DAY), of_day)
    nanos = pc.if_else(array.is_null(), pa.scalar(None, pa.int64()), nanos)
    return nanos.cast(pa.timestamp("ns"))


def table_to_parquet(table, schema):
    arrays = [to_parquet(table.column(i), f.type) for i, f in enumerate(schema.fields)]
    return pa.Table.from_arrays(arrays, schema=pa.schema(parquet_fields(schema)))


def table_from_parquet(table, schema):
    """Parquet shards' table (columns in the schema's order, Avro names) as canonical Arrow."""
    arrays = [from_parquet(table.column(i), f.type) for i, f in enumerate(schema.fields)]
    return pa.Table.from_arrays(arrays, schema=arrow_schema(schema))


def conform(array, target):
    """`array` cast to the Arrow type `target`, also where pyarrow has no cast: a Polars map
    (a list of key/value structs) to an Arrow map, nested at any depth."""
    if isinstance(array, pa.ChunkedArray):
        return pa.chunked_array([conform(c, target) for c in array.chunks], type=target)
    source = array.type
    if array.type == target:
        return array
    listish = (pa.types.is_list(source) or pa.types.is_large_list(source)
               or pa.types.is_list_view(source) or pa.types.is_large_list_view(source)
               or pa.types.is_fixed_size_list(source))
    if pa.types.is_map(target) and listish and pa.types.is_struct(source.value_type):
        plain = array.cast(pa.list_(source.value_field))
        entries = plain.values
        keys = conform(entries.field(0), target.key_type)
        items = conform(entries.field(1), target.item_type)
        mask = plain.is_null() if plain.null_count else None
        return pa.MapArray.from_arrays(plain.offsets, keys, items, type=target, mask=mask)
    if pa.types.is_list(target) and listish:
        plain = array.cast(pa.list_(source.value_field))
        values = conform(plain.values, target.value_type)
        mask = plain.is_null() if plain.null_count else None
        return pa.ListArray.from_arrays(plain.offsets, values, type=target, mask=mask)
    if pa.types.is_struct(target) and pa.types.is_struct(source):
        # Field by field: a null struct's children may hold nulls where the target's fields are
        # required, which a cast of the whole struct refuses.
        children = [conform(array.field(i), target.field(i).type) for i in range(len(target))]
        return _struct(children, list(target), array.is_null() if array.null_count else None)
    return array.cast(target)


def _struct(children, fields, mask):
    """A struct array; under a null struct, a required field's slot holds a placeholder, not a
    null: the Parquet writer (and Java's reader) take a required column as never null."""
    if mask is not None:
        children = [pc.if_else(mask, _placeholder(f.type), child)
                    if not f.nullable and child.null_count else child
                    for f, child in zip(fields, children)]
    return pa.StructArray.from_arrays(children, fields=fields, mask=mask)


def _placeholder(t):
    """A value of type `t` for slots no reader looks at."""
    if pa.types.is_struct(t):
        return pa.scalar({f.name: _placeholder(f.type).as_py() for f in t}, type=t)
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_map(t):
        return pa.scalar([], type=t)
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return pa.scalar("", type=t)
    if pa.types.is_binary(t) or pa.types.is_large_binary(t):
        return pa.scalar(b"", type=t)
    if pa.types.is_fixed_size_binary(t):
        return pa.scalar(bytes(t.byte_width), type=t)
    if pa.types.is_boolean(t):
        return pa.scalar(False, type=t)
    if pa.types.is_decimal(t):
        import decimal
        return pa.scalar(decimal.Decimal(0), type=t)
    if pa.types.is_floating(t):
        return pa.scalar(0.0, type=t)
    return pa.scalar(0, type=pa.int64()).cast(t)


def _needs_conform(source, target):
    if pa.types.is_map(target):
        return not pa.types.is_map(source)
    if pa.types.is_list(target) and hasattr(source, "value_type"):
        return _needs_conform(source.value_type, target.value_type)
    if pa.types.is_struct(target) and pa.types.is_struct(source):
        return any(_needs_conform(source.field(i).type, target.field(i).type)
                   for i in range(min(len(source), len(target))))
    return False


def conform_table(table, schema):
    """`table` (columns in the order of the Beam `schema`) as the canonical Arrow schema."""
    target = arrow_schema(schema)
    arrays = [conform(table.column(i), target.field(i).type) for i in range(len(target))]
    return pa.Table.from_arrays(arrays, schema=target)
