"""Installs are reproducible and checked: every package is pinned with its hashes, and the lock
matches what pyproject.toml asks for."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCKS = [ROOT / "requirements" / "production.txt", ROOT / "requirements" / "test.txt"]


def locked(path):
    """{normalised name: (version, number of hashes)} of a pip-compile lock file."""
    packages = {}
    for entry in re.split(r"\n(?=[A-Za-z0-9])", path.read_text()):
        match = re.match(r"([A-Za-z0-9_.\-]+)==([^\s\\]+)", entry)
        if match:
            name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
            packages[name] = (Version(match.group(2)), entry.count("--hash=sha256:"))
    return packages


def declared(extra=None):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])
    return [Requirement(line) for line in requirements]


@pytest.mark.parametrize("lock", LOCKS, ids=lambda path: path.name)
def test_every_locked_package_is_pinned_with_its_hashes(lock):
    packages = locked(lock)
    assert len(packages) > 20
    unhashed = [name for name, (_version, hashes) in packages.items() if hashes == 0]
    assert unhashed == []
    # Nothing but pins and their hashes: a loose line would make pip refuse --require-hashes anyway.
    loose = [
        line
        for line in lock.read_text().splitlines()
        if line and not line.startswith(("#", " ")) and not re.match(r"[A-Za-z0-9_.\-]+==", line)
    ]
    assert loose == []


@pytest.mark.parametrize(("lock", "extra"), [(LOCKS[0], None), (LOCKS[1], "test")], ids=["production", "test"])
def test_the_lock_satisfies_pyproject(lock, extra):
    packages = locked(lock)
    for requirement in declared(extra):
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()
        assert name in packages, f"{requirement} is not in {lock.name}: run `make lock`"
        assert packages[name][0] in requirement.specifier, f"{lock.name} pins {name} {packages[name][0]}"


def test_pillow_is_past_its_known_advisories():
    # CVE-2025-48379 (fixed in 11.3.0) and the 10.x advisories before it.
    assert locked(LOCKS[0])["pillow"][0] >= Version("11.3.0")
    assert all(
        requirement.specifier.contains("11.2") is False for requirement in declared() if requirement.name == "Pillow"
    )
