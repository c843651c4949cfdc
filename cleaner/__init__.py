"""cleaner: scraped news-article text in, a clean, deduplicated, versioned dataset out.

Library first; the ``cleaner`` command is a thin layer over these functions.
"""
__version__ = "0.1.0"

from .config import CleanConfig, load_config  # noqa: E402
from .document import Document, Removal, apply_removals  # noqa: E402
from .errors import CleanerError, ConfigError, InputError, PublishError, VersionError  # noqa: E402
from .load import load  # noqa: E402
from .pipeline import clean_files, clean_text  # noqa: E402

__all__ = ["CleanConfig", "load_config", "Document", "Removal", "apply_removals", "CleanerError", "ConfigError",
           "InputError", "PublishError", "VersionError", "load", "clean_files", "clean_text", "__version__"]
