"""Press-release ingestion, the pure part: ``extract(text)`` reads a release into an
:class:`Extraction` (no database, no network). Resolving ``match_id`` against the database and
writing the records is the caller's job."""

from stakeholders.ingest.extract import extract
from stakeholders.ingest.records import REVIEW_THRESHOLD, Extraction

__all__ = ["extract", "Extraction", "REVIEW_THRESHOLD"]
