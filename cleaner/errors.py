"""Exceptions. The CLI turns any CleanerError into a one-line message and exit status 1."""


class CleanerError(Exception):
    """Base class of every error the tool reports to a user."""


class InputError(CleanerError):
    """The input as a whole is unusable (missing path, no text files)."""


class ConfigError(CleanerError):
    """A configuration file or option is invalid."""


class VersionError(CleanerError):
    """A dataset version is missing, clashes, or fails validation."""


class PublishError(CleanerError):
    """Publishing a version failed."""
