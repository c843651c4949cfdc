"""Packaging a run as an immutable dataset version: Parquet shards, card, manifest."""
