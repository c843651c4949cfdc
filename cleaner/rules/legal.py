"""Rules: legal family (see cleaner.rules)."""
from __future__ import annotations
