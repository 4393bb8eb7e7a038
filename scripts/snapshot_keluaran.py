"""Write the snapshot of what users see of every contoh workbook (tests/data/keluaran/*.json) from the
current code. Run it only when an output change is deliberate, then read `git diff tests/data/keluaran`:

    .venv/bin/python scripts/snapshot_keluaran.py

The extraction itself is in tests/keluaran_snapshot.py (shared with tests/test_keluaran_tetap.py).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.keluaran_snapshot import main  # noqa: E402

if __name__ == "__main__":
    main()
