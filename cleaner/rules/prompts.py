"""Rules: prompts family (see cleaner.rules)."""
from __future__ import annotations
