"""CRC-32C of whole files, as the manifest records it (8 lower-case hex digits)."""

import google_crc32c


def of_stream(stream, chunk=8 << 20):
    checksum = google_crc32c.Checksum()
    while True:
        block = stream.read(chunk)
        if not block:
            break
        checksum.update(block)
    return checksum.digest().hex()
