"""Settings from the environment; see README.md for the list."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path


class ConfigError(RuntimeError):
    pass


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "ja", "on"}


def _secret_key(instance_path: Path, production: bool) -> str:
    """Production must set SECRET_KEY; development keeps a generated one in the instance folder."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if production:
        raise ConfigError("SECRET_KEY is verplicht in productie (CASEFLOW_ENV=production).")
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


def load(instance_path: str) -> dict:
    instance = Path(instance_path)
    instance.mkdir(mode=0o700, parents=True, exist_ok=True)
    production = os.environ.get("CASEFLOW_ENV", "development") == "production"
    idle_minutes = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
    return {
        "CASEFLOW_ENV": "production" if production else "development",
        "SECRET_KEY": _secret_key(instance, production),
        "SQLALCHEMY_DATABASE_URI": os.environ.get(
            "DATABASE_URL", f"sqlite:///{instance / 'caseflow.sqlite'}"
        ),
        "PERMANENT_SESSION_LIFETIME": timedelta(minutes=idle_minutes),
        "SESSION_IDLE_TIMEOUT": timedelta(minutes=idle_minutes),
        "SESSION_MAX_AGE": timedelta(hours=float(os.environ.get("SESSION_MAX_HOURS", "12"))),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool(os.environ.get("SESSION_COOKIE_SECURE"), production),
        "SESSION_COOKIE_NAME": "caseflow_session",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_I18N_ENABLED": False,
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0")),
        "PAGE_SIZE": int(os.environ.get("PAGE_SIZE", "25")),
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "SWEEP_MINUTES": float(os.environ.get("SWEEP_MINUTES", "5")),
        "CASEFLOW_URL": os.environ.get("CASEFLOW_URL", "http://127.0.0.1:5000"),
        "SMTP_HOST": os.environ.get("SMTP_HOST"),
        "SMTP_PORT": int(os.environ.get("SMTP_PORT", "587")),
        "SMTP_USER": os.environ.get("SMTP_USER"),
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD"),
        "SMTP_FROM": os.environ.get("SMTP_FROM", "caseflow@localhost"),
        "SMTP_TLS": _bool(os.environ.get("SMTP_TLS"), True),
        "SMTP_TIMEOUT": float(os.environ.get("SMTP_TIMEOUT", "10")),
    }
