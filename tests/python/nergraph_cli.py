"""How the Python tests run nergraph and its examples (shared by the test modules).

Programs are run from the repository root: through ``cargo run`` (which builds them if needed), or
the built binary under ``target/debug`` when cargo is not on PATH, or a path given in an
environment variable (``NERGRAPH_BIN`` for the CLI, ``NERGRAPH_EXPORT_ALL`` for the export example).
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def command(example=None):
    """The command that runs nergraph (or one of its Rust examples), as a list."""
    variable = "NERGRAPH_EXPORT_ALL" if example == "export_all" else "NERGRAPH_BIN"
    if example not in (None, "export_all"):
        variable = None
    if variable and os.environ.get(variable):
        return [os.environ[variable]]
    if shutil.which("cargo"):
        extra = ["--example", example] if example else []
        return ["cargo", "run", "--quiet", *extra, "--"]
    binary = REPO / "target" / "debug" / ("examples/" + example if example else "nergraph")
    if binary.exists():
        return [str(binary)]
    pytest.fail(f"cannot run {example or 'nergraph'}: no cargo on PATH and no {binary}")


def run(*args, example=None):
    """Runs nergraph (or the example) with `args` from the repository root; fails the test unless
    it exits with 0. Returns the completed process."""
    result = subprocess.run(
        command(example) + [str(a) for a in args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    name = example or "nergraph"
    assert result.returncode == 0, f"{name} {' '.join(map(str, args))} failed:\n{result.stderr}"
    return result
