"""Importers, exporters and document writers: one module per format."""
