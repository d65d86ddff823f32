"""Importers and exporters, one module per format, and the file handling they share."""
