"""Importers and exporters, one module per file format."""
