"""The documentation stays true to the code."""

from __future__ import annotations

import re

from readiness import model
from readiness.importers import parse_bytes

from .conftest import ROOT

FORMAT = ROOT / "docs" / "format.md"


def test_every_model_field_is_documented_in_format_md():
    text = FORMAT.read_text()
    missing = []
    for cls in (model.Assessment, model.Score, model.Duration, model.Category, model.Finding, model.Risk,
                model.ChecklistItem, model.Phase, model.Task, model.CostItem, model.Action,
                model.StatedTotals, model.ChecklistClaim, model.MoneyRange, model.AuditCheck, model.Source):
        for name, field in cls.model_fields.items():
            if f"`{field.alias or name}`" not in text:
                missing.append(f"{cls.__name__}.{name}")
    assert not missing, f"docs/format.md does not mention {missing}"


def test_the_full_example_in_format_md_is_a_valid_document():
    example = re.search(r"```yaml\n(.*?)```", FORMAT.read_text(), re.S).group(1)
    doc = parse_bytes(example.encode(), filename="format-example.yaml").document
    assert doc.project == "Example Payments"
    assert all(check.ok for check in doc.audit if check.check != "overall")
