"""checkpointio: read and write CheckpointIO checkpoints (Apache Beam, Java) from Python.

    import checkpointio
    frame = checkpointio.read("/data/checkpoints", "orders", run_id="nightly/2026-11-23")
    checkpointio.write(frame, "/data/checkpoints", "orders-clean", run_id="nightly/2026-11-23")

The layout, manifests and commit protocol are CheckpointIO's (docs/manifest-format.md); see
docs/python.md."""

from .errors import (CheckpointCorruptedError, CheckpointNotFoundError,
                     ConcurrentCheckpointWriteError, SchemaMismatchError)
from .reading import Checkpoint, read, resolve
from .trees import cleanup_correlation, cleanup_run, ls
from .writing import write

__all__ = ["read", "resolve", "write", "ls", "cleanup_run", "cleanup_correlation", "Checkpoint",
           "CheckpointNotFoundError", "CheckpointCorruptedError",
           "ConcurrentCheckpointWriteError", "SchemaMismatchError"]
__version__ = "0.1.0"
