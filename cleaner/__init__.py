"""cleaner: scraped news-article text in, a clean, deduplicated, versioned dataset out.

Library first; the ``cleaner`` command is a thin layer over these names. They are imported
on first use, so ``import cleaner`` stays fast and light.
"""
from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "CleanConfig": "config", "load_config": "config",
    "Document": "document", "Removal": "document", "apply_removals": "document",
    "CleanerError": "errors", "ConfigError": "errors", "InputError": "errors", "PublishError": "errors",
    "VersionError": "errors",
    "load": "loader",
    "clean_files": "pipeline", "clean_text": "pipeline",
}
__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
