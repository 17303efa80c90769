"""Placeholder until this content type's pages are written."""
from __future__ import annotations


def pages(corpus, site_url: str) -> list:
    return []
