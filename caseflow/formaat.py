"""nl-BE formatting shared by the rules' Dutch explanations and the templates."""
from __future__ import annotations

from decimal import Decimal


def euro(bedrag: Decimal | int) -> str:
    """€ 1.379,13"""
    whole, cents = f"{Decimal(bedrag):,.2f}".split(".")
    return f"€ {whole.replace(',', '.')},{cents}"
