"""scripts/client_layer.py: what `make generate` adds to the client package, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import client_layer
import pytest


def test_the_rules_are_merge_and_what_it_imports() -> None:
    assert {"merge.py", "masking.py", "errors.py"} <= client_layer.rule_modules()


def test_a_rule_module_that_imports_beyond_the_stdlib_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "merge.py").write_text("from .masking import MASK\n")
    (tmp_path / "masking.py").write_text("import json\nimport yaml\nMASK = '*'\n")
    monkeypatch.setattr(client_layer, "SERVER", tmp_path)
    with pytest.raises(SystemExit, match=r"masking\.py imports yaml"):
        client_layer.rule_modules()
    (tmp_path / "masking.py").write_text("import json\nfrom ..spec import Spec\n")
    with pytest.raises(SystemExit, match="not pure"):
        client_layer.rule_modules()
    (tmp_path / "masking.py").write_text("from __future__ import annotations\nimport json\nMASK = '*'\n")
    assert client_layer.rule_modules() == {"merge.py", "masking.py"}


def test_the_layer_replaces_only_errors_and_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    layer = tmp_path / "layer"
    layer.mkdir()
    (layer / "errors.py").write_text("# mine\n")
    package = tmp_path / "package"
    package.mkdir()
    (package / "errors.py").write_text("# generated\n")
    monkeypatch.setattr(client_layer, "LAYER", layer)
    client_layer.copy_layer(package)
    assert (package / "errors.py").read_text() == "# mine\n"
    (layer / "types.py").write_text("# mine\n")
    (package / "types.py").write_text("# generated\n")
    with pytest.raises(SystemExit, match=r"types\.py would replace generated code"):
        client_layer.copy_layer(package)


def test_shapes_are_written_in_a_stable_order() -> None:
    from specgate.masking import Shape

    shape = Shape(
        fields={"b": Shape(secret=True), "a": Shape(secret=True)}, destinations=frozenset({"z", "y"})
    )
    text = client_layer.emit(shape, Shape)
    assert text == (
        "Shape(fields={'a': Shape(secret=True), 'b': Shape(secret=True)}, destinations=frozenset(['y', 'z']))"
    )
