"""The installed ``hugo`` binary, for the tests that compare Quire with Hugo itself."""

import os
import shutil
import subprocess

import pytest


def hugo_build(source, destination):
    """Build the Hugo site at ``source`` into ``destination`` with Debian's ``hugo``;
    without it the test is skipped, or fails when ``CI`` is set (CI installs it)."""
    hugo = shutil.which("hugo")
    if hugo is None:
        if os.environ.get("CI"):
            pytest.fail("the hugo binary is missing (apt-get install hugo); CI requires it")
        pytest.skip("the hugo binary is not installed (apt-get install hugo)")
    subprocess.run(
        [hugo, "--quiet", "--source", str(source), "--destination", str(destination)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return destination
