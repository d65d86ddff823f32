"""stakeholders: a command-line contact tracker for campaigns and launches."""

__version__ = "0.1.0"
