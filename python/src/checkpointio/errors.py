"""The errors this package raises; they carry the same meaning as CheckpointIO's Java
exceptions of the same names."""


class CheckpointNotFoundError(LookupError):
    """No committed manifest of the name in any scope tried."""

    def __init__(self, name, tried):
        self.name = name
        self.tried = list(tried)
        super().__init__(
            f"Checkpoint '{name}' not found: no committed manifest in "
            + "; ".join(self.tried)
            + ". A write of that name must commit first (Java CheckpointIO.write or"
            " checkpointio.write), with the same root and run or correlation id.")


class CheckpointCorruptedError(IOError):
    """A manifest, or a shard it lists, is unreadable, missing or not what was committed."""

    def __init__(self, path, message):
        self.path = path
        super().__init__(message)


class ConcurrentCheckpointWriteError(RuntimeError):
    """Another exclusive write committed the version this write meant to create."""

    def __init__(self, name, write_id, winner, message):
        self.name = name
        self.write_id = write_id
        self.winner = winner
        super().__init__(message)


class SchemaMismatchError(ValueError):
    """An append's frame does not fit the checkpoint's contract (its first committed schema)."""

    def __init__(self, name, field, contract, given, hint=""):
        self.name = name
        self.field = field
        super().__init__(
            f"Checkpoint '{name}': field '{field}' is {contract} in the checkpoint's schema"
            f" contract but {given} in the frame written. {hint}".rstrip())
