"""Issue 12 items 9, 15, 16: damaged settings and keys give one clear line, never a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from visiondesk.config import keys
from visiondesk.config.compat import CompatMemory
from visiondesk.config.keys import clean_key
from visiondesk.config.providers import PRESETS, ProviderConfig, ProviderStore
from visiondesk.core.errors import AnalysisError, ErrorKind


@pytest.mark.parametrize("raw", ["  sk-abc123\n", "\ufeffsk-abc123", "\u200bsk-abc123\u200b\r\n",
                                 "sk-abc123\u00a0"])
def test_copy_paste_debris_around_a_key_is_removed(raw: str) -> None:
    assert clean_key(raw) == "sk-abc123"


@pytest.mark.parametrize(("raw", "words"), [
    ("sk-abc\n123", "line break"),
    ("sk-abc 123", "space"),
    ("sk-abc\u200b123", "space"),
    ("sk-abc\x00123", "control"),
    ("sk-abcé123", "non-ASCII"),
    ("   ", "empty"),
])
def test_broken_keys_are_refused_with_a_clear_message(raw: str, words: str) -> None:
    with pytest.raises(ValueError, match=words) as caught:
        clean_key(raw)
    assert "abc" not in str(caught.value)  # the message never shows the key


def test_set_key_refuses_a_key_with_a_newline_and_saves_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    saved: list[str] = []
    monkeypatch.setattr("keyring.set_password", lambda *a: saved.append(a[2]))
    with pytest.raises(AnalysisError) as caught:
        keys.set_key("relay", "sk-abc\n123")
    assert caught.value.kind is ErrorKind.CONFIG
    assert "Nothing was saved" in str(caught.value)
    assert saved == []


def test_environment_key_is_cleaned_or_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "stored_key", lambda provider_id: None)
    monkeypatch.setenv(keys.ENV_KEY, "\ufeffsk-env-123\n")
    assert keys.resolve_key("relay") == "sk-env-123"
    monkeypatch.setenv(keys.ENV_KEY, "sk-env\x1b123")
    with pytest.raises(AnalysisError, match=keys.ENV_KEY):
        keys.resolve_key("relay")


def test_misconfigured_keyring_backend_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("no backend named nonexistent.Backend")

    monkeypatch.setattr("keyring.get_keyring", broken)
    status = keys.keyring_status()
    assert not status.usable
    assert "misconfigured" in status.detail
    with pytest.raises(AnalysisError):
        keys.set_key("relay", "sk-abc123")


def _store(tmp_path: Path, content: bytes) -> ProviderStore:
    path = tmp_path / "providers.toml"
    path.write_bytes(content)
    return ProviderStore.load(path)


@pytest.mark.parametrize("content", [b"[providers\nbroken", b"\xff\xfe not utf-8 \xc3",
                                     b'providers = "x"', b"default = 5"])
def test_damaged_providers_file_keeps_the_built_in_providers(tmp_path: Path, content: bytes) -> None:
    store = _store(tmp_path, content)
    ids = {p.id for p in store.all()}
    assert {p.id for p in PRESETS} <= ids
    assert store.problems and all(str(tmp_path / "providers.toml") in p for p in store.problems)
    assert store.default().is_local


def test_wrong_value_types_are_named_and_the_rest_of_the_entry_is_kept(tmp_path: Path) -> None:
    store = _store(tmp_path, b"""
default = "mine"
[providers.mine]
name = "Mine"
base_url = "http://127.0.0.1:9/v1"
max_side = "big"
read_timeout = -3
api_style = "telepathy"
models = [{id = "m1", price_input = "cheap"}, {vision = true}, 7]
[providers.nourl]
base_url = 5
[providers.scalar]
x = 1
""")
    mine = store.find("mine")
    assert mine.base_url == "http://127.0.0.1:9/v1"
    assert mine.max_side == ProviderConfig("x", "x", "http://x").max_side
    assert [m.id for m in mine.models] == ["m1"]
    assert store.default() == mine
    text = "\n".join(store.problems)
    for fragment in ("providers.mine.max_side", "providers.mine.read_timeout",
                     "providers.mine.api_style", "providers.mine.models[0].price_input",
                     "providers.mine.models[1]", "providers.mine.models[2]",
                     "providers.nourl.base_url", "providers.scalar.base_url"):
        assert fragment in text
    assert "nourl" not in {p.id for p in store.all()}


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_saving_into_a_read_only_folder_is_one_line_and_leaves_no_temp_file(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    store = ProviderStore(path=folder / "providers.toml")
    store.put(ProviderConfig("x", "X", "http://127.0.0.1:9/v1"))
    folder.chmod(0o500)
    try:
        with pytest.raises(AnalysisError) as caught:
            store.save()
    finally:
        folder.chmod(0o700)
    assert caught.value.kind is ErrorKind.CONFIG
    assert "\n" not in str(caught.value) and "Could not save" in str(caught.value)
    assert list(folder.iterdir()) == []


def test_saving_on_a_full_disk_removes_the_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ProviderStore(path=tmp_path / "providers.toml")
    store.put(ProviderConfig("x", "X", "http://127.0.0.1:9/v1"))

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(AnalysisError, match="No space left on device"):
        store.save()
    assert list(tmp_path.iterdir()) == []


def test_compat_file_with_wrong_inner_types_is_ignored_entry_by_entry(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "compat.json"
    path.write_text(json.dumps({
        "api_styles": {"good": "chat", "bad": 5, "worse": ["x"]},
        "adaptations": {"good/m": ["drop_temperature"], "bad/m": "drop_temperature", "n": [1]},
    }))
    memory = CompatMemory.load(path)
    assert memory.api_styles == {"good": "chat"}
    assert memory.adaptations == {"good/m": ["drop_temperature"]}
    assert memory.adapted("bad", "m") == frozenset()
    assert "Ignoring" in caplog.text
    for content in ("[1, 2]", '{"api_styles": 3, "adaptations": null}', "\xff"):
        path.write_text(content, encoding="latin-1")
        assert CompatMemory.load(path).api_styles == {}
