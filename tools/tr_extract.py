"""Find the translatable strings ``pyside6-lupdate`` cannot see (used by tools/translations.py).

lupdate reads ``self.tr("…")`` and ``QCoreApplication.translate("Context", "…")``. Modules
without a class to hang ``self.tr`` on use two other shapes, which lupdate misses or misreads:

* a module helper ``def _tr(text): return QCoreApplication.translate("Context", text)`` called
  as ``_tr("…")`` (missed), or as ``_tr(name)`` where ``name`` is assigned string literals in
  the same module (e.g. ``sentence = "A." if x else "B."``: both are collected);
* an alias ``tr = QCoreApplication.translate`` called as ``tr("Context", "…")``, which lupdate
  reads as ``self.tr(source="Context", disambiguation="…")``: the real message is collected and
  the misread one is reported so the caller can drop it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Found:
    context: str
    source: str
    comment: str
    path: Path
    line: int


def _text(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _is_translate(node: ast.AST) -> bool:
    """``QCoreApplication.translate`` / ``QApplication.translate`` / a bare ``translate``."""
    if isinstance(node, ast.Attribute):
        return node.attr == "translate"
    return isinstance(node, ast.Name) and node.id == "translate"


def _helpers(tree: ast.Module) -> dict[str, str]:
    """Module functions of the form ``def f(text): return <translate>("Context", text)``."""
    helpers: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or len(node.body) != 1:
            continue
        body = node.body[0]
        if not (isinstance(body, ast.Return) and isinstance(body.value, ast.Call)):
            continue
        call = body.value
        params = [a.arg for a in node.args.args]
        if (_is_translate(call.func) and len(call.args) >= 2 and _text(call.args[0]) is not None
                and isinstance(call.args[1], ast.Name) and call.args[1].id in params):
            helpers[node.name] = _text(call.args[0]) or ""
    return helpers


def _aliases(tree: ast.Module) -> set[str]:
    """Names bound to the translate function itself (``tr = QCoreApplication.translate``)."""
    return {target.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
            and _is_translate(node.value)
            for target in node.targets if isinstance(target, ast.Name)}


def _literals_assigned(tree: ast.Module, name: str) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            found += [(text, node.lineno) for sub in ast.walk(node.value)
                      if (text := _text(sub)) is not None]
    return found


def scan(path: Path) -> tuple[list[Found], list[tuple[str, str]]]:
    """(messages lupdate misses, (source, comment) pairs lupdate made up from aliases)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    helpers, aliases = _helpers(tree), _aliases(tree)
    found: list[Found] = []
    misread: list[tuple[str, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) or not node.args:
            continue
        name = node.func.id
        if name in helpers:
            context, argument = helpers[name], node.args[0]
            text = _text(argument)
            if text is not None:
                found.append(Found(context, text, "", path, node.lineno))
            elif isinstance(argument, ast.Name):
                found += [Found(context, t, "", path, line)
                          for t, line in _literals_assigned(tree, argument.id)]
        elif name in aliases and len(node.args) >= 2:
            alias_context, text = _text(node.args[0]), _text(node.args[1])
            if alias_context is None or text is None:
                continue
            context = alias_context
            comment = _text(node.args[2]) if len(node.args) > 2 else None
            found.append(Found(context, text, comment or "", path, node.lineno))
            misread.append((context, text))
    return found, misread
