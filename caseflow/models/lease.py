"""The scheduler's leader lock: a lease row that works on SQLite and PostgreSQL alike."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from caseflow.extensions import db
from caseflow.models.base import Tijdstip


class SchedulerLease(db.Model):
    naam: Mapped[str] = mapped_column(String(40), primary_key=True)
    houder: Mapped[str] = mapped_column(String(100))
    verloopt_op: Mapped[datetime] = mapped_column(Tijdstip())
