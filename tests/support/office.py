"""The office's own values, as an installer sets them before a relay is used (the shipped
examples of office.address, office.page_url and office.contact must never reach a resident)."""

from __future__ import annotations

from typing import Final

OWN_OFFICE_ADDRESS: Final = "bousai@city.example.jp"

#: Settings name → value: the office's own address, registration page and phone.
OWN_OFFICE: Final[dict[str, str]] = {
    "office.address": OWN_OFFICE_ADDRESS,
    "office.page_url": "https://www.city.example.jp/kishomail/",
    "office.contact": "03-3209-1111",
}
