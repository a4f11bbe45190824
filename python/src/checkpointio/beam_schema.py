"""Beam schemas as the manifest's `beamSchema` carries them: the portable protobuf message
org.apache.beam.model.pipeline.v1.Schema (Beam's schema.proto), encoded and decoded by hand,
and the mapping of each Beam type to Arrow (docs/formats.md#type-mapping)."""

import uuid
from dataclasses import dataclass, field, replace
from typing import Optional, Tuple

from . import _protobuf as pb

# AtomicType numbers of schema.proto.
ATOMIC = {"BYTE": 1, "INT16": 2, "INT32": 3, "INT64": 4, "FLOAT": 5, "DOUBLE": 6,
          "STRING": 7, "BOOLEAN": 8, "BYTES": 9}
ATOMIC_NAMES = {number: name for name, number in ATOMIC.items()}

# Logical types Java's SchemaTranslation writes under these URNs.
DECIMAL_URN = "beam:logical_type:decimal:v1"            # Beam DECIMAL
MILLIS_INSTANT_URN = "beam:logical_type:millis_instant:v1"  # Beam DATETIME
DATE_URN = "beam:logical_type:date:v1"                  # SqlTypes.DATE
TIME_URN = "beam:logical_type:time:v1"                  # SqlTypes.TIME
DATETIME_URN = "beam:logical_type:datetime:v1"          # SqlTypes.DATETIME
MICROS_INSTANT_URN = "beam:logical_type:micros_instant:v1"  # SqlTypes.TIMESTAMP
FIXED_BYTES_URN = "beam:logical_type:fixed_bytes:v1"    # FixedBytes(n)
FIXED_DECIMAL_URN = "beam:logical_type:fixed_decimal:v1"  # FixedPrecisionNumeric(p, s)
ENUM_URN = "beam:logical_type:javasdk_enum:v1"          # EnumerationType (Java only)


@dataclass(frozen=True)
class FieldType:
    """One Beam field type. `kind` is an atomic name, ARRAY, ITERABLE, MAP, ROW or
    LOGICAL_TYPE; DECIMAL and DATETIME are the logical types above, as in Beam's portable form."""
    kind: str
    nullable: bool = False
    element: Optional["FieldType"] = None
    key: Optional["FieldType"] = None
    value: Optional["FieldType"] = None
    row: Optional["Schema"] = None
    urn: Optional[str] = None
    representation: Optional["FieldType"] = None
    argument_type: Optional["FieldType"] = None
    argument: Optional[tuple] = None      # decoded argument: an int, a str, or a tuple of them
    payload: bytes = b""                  # Java's serialized logical type, kept as read

    def with_nullable(self, nullable):
        return replace(self, nullable=nullable)

    @property
    def is_decimal(self):
        return self.kind == "LOGICAL_TYPE" and self.urn == DECIMAL_URN

    def same_type(self, other):
        """Equal as Beam compares types: ids and Java payloads aside."""
        return _shape(self) == _shape(other)


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType


@dataclass(frozen=True)
class Schema:
    fields: Tuple[Field, ...]
    id: str = field(default_factory=lambda: str(uuid.uuid4()), compare=False)

    def names(self):
        return [f.name for f in self.fields]

    def field(self, name):
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def same_schema(self, other):
        return (len(self.fields) == len(other.fields) and all(
            a.name == b.name and a.type.same_type(b.type)
            for a, b in zip(self.fields, other.fields)))


def _shape(t):
    if t is None:
        return None
    return (t.kind, t.nullable, _shape(t.element), _shape(t.key), _shape(t.value),
            tuple((f.name, _shape(f.type)) for f in t.row.fields) if t.row else None,
            t.urn, _shape(t.representation), _shape(t.argument_type), t.argument)


# ---- constructors for the types of the mapping -------------------------------------------

def atomic(name, nullable=False):
    return FieldType(name, nullable)


def array(element, nullable=False):
    return FieldType("ARRAY", nullable, element=element)


def iterable(element, nullable=False):
    return FieldType("ITERABLE", nullable, element=element)


def map_of(key, value, nullable=False):
    return FieldType("MAP", nullable, key=key, value=value)


def row(schema, nullable=False):
    return FieldType("ROW", nullable, row=schema)


def _int64_pair(first, second, second_type="INT64"):
    return Schema((Field(first, atomic("INT64")), Field(second, atomic(second_type))))


def decimal(nullable=False):
    return FieldType("LOGICAL_TYPE", nullable, urn=DECIMAL_URN, representation=atomic("BYTES"))


def datetime_millis(nullable=False):
    return FieldType("LOGICAL_TYPE", nullable, urn=MILLIS_INSTANT_URN,
                     representation=atomic("INT64"))


def date(nullable=False):
    return FieldType("LOGICAL_TYPE", nullable, urn=DATE_URN, representation=atomic("INT64"),
                     argument_type=atomic("STRING"), argument="")


def time(nullable=False):
    return FieldType("LOGICAL_TYPE", nullable, urn=TIME_URN, representation=atomic("INT64"),
                     argument_type=atomic("STRING"), argument="")


def local_datetime(nullable=False):
    return FieldType("LOGICAL_TYPE", nullable, urn=DATETIME_URN,
                     representation=row(_int64_pair("Date", "Time")),
                     argument_type=atomic("STRING"), argument="")


def timestamp_micros(nullable=False):
    return FieldType("LOGICAL_TYPE", nullable, urn=MICROS_INSTANT_URN,
                     representation=row(_int64_pair("seconds", "micros", "INT32")))


def fixed_bytes(width, nullable=False):
    return FieldType("LOGICAL_TYPE", nullable, urn=FIXED_BYTES_URN, representation=atomic("BYTES"),
                     argument_type=atomic("INT32"), argument=width)


def fixed_decimal(precision, scale, nullable=False):
    return FieldType("LOGICAL_TYPE", nullable, urn=FIXED_DECIMAL_URN, representation=decimal(),
                     argument_type=row(Schema((Field("precision", atomic("INT32")),
                                               Field("scale", atomic("INT32"))))),
                     argument=(precision, scale))


# ---- protobuf ---------------------------------------------------------------------------

def schema_to_proto(schema):
    """The bytes of Beam's portable Schema message for `schema`: fields with their position as
    id and encoding position, and the schema's id, as Java's SchemaTranslation writes them."""
    out = b""
    for position, f in enumerate(schema.fields):
        encoded = (pb.field_bytes(1, f.name) + pb.field_bytes(3, _type_to_proto(f.type), True)
                   + pb.field_varint(4, position) + pb.field_varint(5, position))
        out += pb.field_bytes(1, encoded, True)
    return out + pb.field_bytes(2, schema.id)


def _type_to_proto(t):
    out = pb.field_varint(1, t.nullable)
    if t.kind in ATOMIC:
        return out + pb.field_varint(2, ATOMIC[t.kind]) if ATOMIC[t.kind] else out
    if t.kind in ("ARRAY", "ITERABLE"):
        inner = pb.field_bytes(1, _type_to_proto(t.element), True)
        return out + pb.field_bytes(3 if t.kind == "ARRAY" else 4, inner, True)
    if t.kind == "MAP":
        inner = (pb.field_bytes(1, _type_to_proto(t.key), True)
                 + pb.field_bytes(2, _type_to_proto(t.value), True))
        return out + pb.field_bytes(5, inner, True)
    if t.kind == "ROW":
        return out + pb.field_bytes(6, pb.field_bytes(1, schema_to_proto(t.row), True), True)
    if t.kind == "LOGICAL_TYPE":
        inner = pb.field_bytes(1, t.urn) + pb.field_bytes(2, t.payload)
        if t.representation is not None:
            inner += pb.field_bytes(3, _type_to_proto(t.representation), True)
        if t.argument_type is not None:
            inner += pb.field_bytes(4, _type_to_proto(t.argument_type), True)
            inner += pb.field_bytes(5, _value_to_proto(t.argument_type, t.argument), True)
        return out + pb.field_bytes(7, inner, True)
    raise ValueError(f"no protobuf form for Beam type {t.kind}")


def _value_to_proto(t, value):
    """A FieldValue of an atomic type or of a ROW of atomic fields (logical type arguments)."""
    if isinstance(value, tuple) and value and value[0] == "raw":
        return value[1]
    if t.kind == "ROW":
        values = b"".join(pb.field_bytes(1, _value_to_proto(f.type, v), True)
                          for f, v in zip(t.row.fields, value))
        return pb.field_bytes(5, values, True)
    number = ATOMIC[t.kind]
    if t.kind in ("STRING", "BYTES"):
        atomic_value = pb.field_bytes(number, value, always=True)
    elif t.kind in ("BYTE", "INT16", "INT32", "INT64", "BOOLEAN"):
        atomic_value = pb.tag(number, pb.VARINT) + pb.varint(int(value))
    else:
        raise ValueError(f"no protobuf form for a {t.kind} logical type argument")
    return pb.field_bytes(1, atomic_value, True)


def schema_from_proto(data):
    fields = []
    schema_id = ""
    for number, _, value in pb.parse(data):
        if number == 1:
            name, field_type = "", None
            for n, _, v in pb.parse(value):
                if n == 1:
                    name = v.decode("utf-8")
                elif n == 3:
                    field_type = _type_from_proto(v)
            if field_type is None:
                raise ValueError(f"field '{name}' of the Beam schema has no type")
            fields.append(Field(name, field_type))
        elif number == 2:
            schema_id = value.decode("utf-8")
    return Schema(tuple(fields), schema_id)


def _type_from_proto(data):
    nullable = False
    result = None
    for number, _, value in pb.parse(data):
        if number == 1:
            nullable = bool(value)
        elif number == 2:
            if value not in ATOMIC_NAMES:
                raise ValueError(f"unknown Beam atomic type {value}")
            result = FieldType(ATOMIC_NAMES[value])
        elif number in (3, 4):
            element = _only(value, 1, _type_from_proto)
            result = FieldType("ARRAY" if number == 3 else "ITERABLE", element=element)
        elif number == 5:
            parts = {n: _type_from_proto(v) for n, _, v in pb.parse(value)}
            result = FieldType("MAP", key=parts.get(1), value=parts.get(2))
        elif number == 6:
            result = FieldType("ROW", row=_only(value, 1, schema_from_proto))
        elif number == 7:
            result = _logical_from_proto(value)
    if result is None:
        raise ValueError("a Beam field type has no type")
    return result.with_nullable(nullable)


def _logical_from_proto(data):
    parts = {}
    raw_argument = None
    for number, _, value in pb.parse(data):
        if number == 5:
            raw_argument = value
        else:
            parts[number] = value
    argument_type = _type_from_proto(parts[4]) if 4 in parts else None
    argument = None
    if argument_type is not None and raw_argument is not None:
        argument = _value_from_proto(argument_type, raw_argument)
    return FieldType(
        "LOGICAL_TYPE", urn=parts.get(1, b"").decode("utf-8"), payload=parts.get(2, b""),
        representation=_type_from_proto(parts[3]) if 3 in parts else None,
        argument_type=argument_type, argument=argument)


def _value_from_proto(t, data):
    """Decodes a logical type's argument: atomic values and rows of them; other arguments
    (an enumeration's map) are kept as their bytes, which is enough to compare and re-encode."""
    for number, _, value in pb.parse(data):
        if number == 1 and t.kind in ATOMIC:
            for n, wire, v in pb.parse(value):
                if wire == pb.LENGTH_DELIMITED:
                    return v.decode("utf-8") if t.kind == "STRING" else v
                return pb.signed64(v) if wire == pb.VARINT else v
            return "" if t.kind == "STRING" else 0
        if number == 5 and t.kind == "ROW":
            values = [v for n, _, v in pb.parse(value) if n == 1]
            return tuple(_value_from_proto(f.type, v) for f, v in zip(t.row.fields, values))
    return ("raw", data)


def _only(data, number, convert):
    for n, _, value in pb.parse(data):
        if n == number:
            return convert(value)
    raise ValueError(f"a Beam schema message lacks its field {number}")


# ---- names, as Beam's FieldType.toString() prints them -----------------------------------

def type_name(t, top_level=True):
    """Beam's name of a type; at the top level without the field's own NOT NULL, as format-2
    manifests list it (nested types keep NOT NULL for values that are never null)."""
    if t.kind == "LOGICAL_TYPE" and t.urn == DECIMAL_URN:
        name = "DECIMAL"
    elif t.kind == "LOGICAL_TYPE" and t.urn == MILLIS_INSTANT_URN:
        name = "DATETIME"
    elif t.kind == "LOGICAL_TYPE" and t.urn == ENUM_URN:
        name = "LOGICAL_TYPE<Enum>"   # Java names EnumerationType by its own identifier
    elif t.kind == "LOGICAL_TYPE":
        name = f"LOGICAL_TYPE<{t.urn}>"
    elif t.kind == "ARRAY":
        name = f"ARRAY<{type_name(t.element, False)}>"
    elif t.kind == "MAP":
        name = f"MAP<{type_name(t.key, False)}, {type_name(t.value, False)}>"
    elif t.kind == "ROW":
        name = "ROW<" + ", ".join(
            f"{f.name} {type_name(f.type, False)}" for f in t.row.fields) + ">"
    else:
        name = t.kind   # atomic types and ITERABLE, which Beam prints without its element
    if top_level or t.nullable:
        return name
    return name + " NOT NULL"
