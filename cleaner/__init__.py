"""cleaner: scraped news-article text in, a clean, deduplicated, versioned dataset out."""
__version__ = "0.1.0"
