"""The few protobuf wire-format pieces the Beam Schema message needs: varints,
length-delimited fields, and fixed 32/64-bit numbers. Written by hand so that the package
does not depend on protobuf or on Beam's Python SDK."""

import struct

VARINT = 0
FIXED64 = 1
LENGTH_DELIMITED = 2
FIXED32 = 5


def varint(value):
    """The varint bytes of a non-negative int, or of a negative one as 64-bit two's complement."""
    if value < 0:
        value += 1 << 64
    out = bytearray()
    while True:
        low = value & 0x7F
        value >>= 7
        if value:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


def tag(number, wire_type):
    return varint(number << 3 | wire_type)


def field_varint(number, value):
    """A varint field; proto3 leaves out a field that holds its default, 0 or false."""
    return tag(number, VARINT) + varint(int(value)) if value else b""


def field_bytes(number, data, always=False):
    """A length-delimited field (string, bytes or message); empty ones are left out unless a
    message must say it is present (an empty message in a oneof)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data and not always:
        return b""
    return tag(number, LENGTH_DELIMITED) + varint(len(data)) + data


def field_double(number, value):
    return tag(number, FIXED64) + struct.pack("<d", value) if value else b""


def field_float(number, value):
    return tag(number, FIXED32) + struct.pack("<f", value) if value else b""


def parse(data):
    """The fields of one message, in order, as (number, wire type, value): an int for varints
    and fixed numbers (raw bits), bytes for length-delimited fields."""
    fields = []
    position = 0
    while position < len(data):
        key, position = _read_varint(data, position)
        number, wire_type = key >> 3, key & 7
        if wire_type == VARINT:
            value, position = _read_varint(data, position)
        elif wire_type == LENGTH_DELIMITED:
            length, position = _read_varint(data, position)
            if position + length > len(data):
                raise ValueError("a length-delimited field runs past the end of the message")
            value = bytes(data[position:position + length])
            position += length
        elif wire_type == FIXED64:
            value = bytes(data[position:position + 8])
            position += 8
        elif wire_type == FIXED32:
            value = bytes(data[position:position + 4])
            position += 4
        else:
            raise ValueError(f"wire type {wire_type} is not one the Beam schema uses")
        fields.append((number, wire_type, value))
    return fields


def signed64(value):
    """A varint read as int64."""
    return value - (1 << 64) if value >= 1 << 63 else value


def _read_varint(data, position):
    result = 0
    shift = 0
    while True:
        if position >= len(data):
            raise ValueError("a varint runs past the end of the message")
        byte = data[position]
        position += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, position
        shift += 7
        if shift > 63:
            raise ValueError("a varint is longer than ten bytes")
