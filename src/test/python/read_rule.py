"""The read rule exactly as docs/manifest-format.md shows it: its Python block
("checkpoint_shards.py") is loaded from the document, so the suite tests what readers copy."""

import os
import re

DOCUMENT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "docs", "manifest-format.md")

with open(DOCUMENT, encoding="utf-8") as f:
    _block = re.search(r"```python\n(# checkpoint_shards\.py.*?)```", f.read(), re.S)
if _block is None:
    raise ImportError(f"{DOCUMENT} has no ```python block starting '# checkpoint_shards.py'")
exec(compile(_block.group(1), DOCUMENT, "exec"))
