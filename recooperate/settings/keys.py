"""Per-checkout secrets for development and `make serve`, made on first use and never committed.

Kept apart from base.py so that local_production.py can read them before any
settings module reads the environment.
"""

import secrets
from pathlib import Path


def dev_secret_key(path):
    """Return a per-checkout secret key, created on first use and never committed."""
    path = Path(path)
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def dev_encryption_key(path):
    """Return a per-checkout Fernet key, created on first use and never committed."""
    from cryptography.fernet import Fernet

    path = Path(path)
    if not path.exists():
        path.write_text(Fernet.generate_key().decode())
        path.chmod(0o600)
    return path.read_text().strip()
