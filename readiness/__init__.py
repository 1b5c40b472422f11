"""readiness: production-readiness assessments imported, stored, audited and charted."""

__version__ = "0.1.0"
