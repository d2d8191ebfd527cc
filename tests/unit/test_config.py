"""Providers, presets, the base-URL rule, TOML round trips, compat memory and keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from visiondesk.api.adaptations import DROP_TEMPERATURE
from visiondesk.config import keys
from visiondesk.config.compat import CompatMemory
from visiondesk.config.providers import (
    LOCAL_OCR_ID,
    ModelConfig,
    ProviderConfig,
    ProviderStore,
    normalise_base_url,
)
from visiondesk.core.errors import AnalysisError
from visiondesk.core.request import ApiStyle


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://www.dmxapi.cn", "https://www.dmxapi.cn/v1"),
        ("https://www.dmxapi.cn/", "https://www.dmxapi.cn/v1"),
        ("https://www.dmxapi.cn/v1", "https://www.dmxapi.cn/v1"),
        ("https://www.dmxapi.cn/v1/", "https://www.dmxapi.cn/v1"),
        ("https://dashscope.aliyuncs.com/compatible-mode/v1", "https://dashscope.aliyuncs.com/compatible-mode/v1"),
        ("http://localhost:11434/api/openai/", "http://localhost:11434/api/openai"),
        ("  https://openai-ss.cn/  ", "https://openai-ss.cn/v1"),
    ],
)
def test_base_url_rule(given: str, expected: str) -> None:
    assert normalise_base_url(given) == expected


def test_bad_base_url_is_refused() -> None:
    with pytest.raises(AnalysisError, match="http:// or https://"):
        normalise_base_url("www.dmxapi.cn")


def test_presets_and_local_ocr_default_on_a_fresh_install(tmp_path: Path) -> None:
    store = ProviderStore.load(tmp_path / "providers.toml")
    ids = [p.id for p in store.all()]
    assert ids[:6] == [LOCAL_OCR_ID, "openai", "dmxapi", "openai-ss", "tutujin", "ollama"]
    assert store.default().id == LOCAL_OCR_ID
    assert store.find("DMXAPI").api_root == "https://www.dmxapi.cn/v1"
    assert "doubao-1.5-vision-pro-250328" in [m.id for m in store.find("tutujin").models]


def test_custom_provider_round_trip_keeps_everything_but_never_a_key(tmp_path: Path) -> None:
    path = tmp_path / "providers.toml"
    store = ProviderStore.load(path)
    provider = ProviderConfig(
        id=store.new_id("My Relay"), name="My Relay", base_url="https://relay.example.com",
        api_style=ApiStyle.RESPONSES, max_side=1536, read_timeout=120, proxy="http://127.0.0.1:7890",
        models=(ModelConfig("gpt-4o", vision=True, price_input=2.5, price_output=10),
                ModelConfig("qwen-vl", max_side=1024)))
    store.put(provider)
    store.default_id = provider.id
    store.save()
    again = ProviderStore.load(path)
    assert again.find("my-relay") == provider
    assert again.default().id == "my-relay"
    assert again.find("My Relay").max_side_for("qwen-vl") == 1024
    assert again.find("My Relay").max_side_for("gpt-4o") == 1536
    assert "key" not in path.read_text().lower()


def test_renaming_keeps_the_id_and_so_the_key(tmp_path: Path) -> None:
    store = ProviderStore.load(tmp_path / "p.toml")
    store.put(ProviderConfig(id="relay", name="Relay", base_url="https://r.example"))
    keys.set_key("relay", "sk-abc")
    store.put(ProviderConfig(id="relay", name="Renamed relay", base_url="https://r.example"))
    assert keys.resolve_key(store.find("Renamed relay").id) == "sk-abc"


def test_presets_cannot_be_removed_and_unknown_names_are_explained(tmp_path: Path) -> None:
    store = ProviderStore.load(tmp_path / "p.toml")
    with pytest.raises(AnalysisError, match="built-in preset"):
        store.remove("openai")
    with pytest.raises(AnalysisError, match=r"No provider named 'nope'\. Known: local-ocr, openai"):
        store.find("nope")


def test_unreadable_config_is_a_clear_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "providers.toml"
    path.write_text("providers = [broken", encoding="utf-8")
    store = ProviderStore.load(path)  # issue 12 item 15: built-in providers still load
    assert len(store.problems) == 1 and "is not valid TOML" in store.problems[0]
    assert str(path) in store.problems[0]


def test_compat_memory_persists(tmp_path: Path) -> None:
    memory = CompatMemory.load(tmp_path / "compat.json")
    memory.remember_api_style("dmxapi", "chat")
    memory.remember_adaptation("dmxapi", "gpt-5-mini", DROP_TEMPERATURE)
    assert not (tmp_path / "compat.json").exists()  # remembering writes nothing by itself
    memory.save_if_changed()
    again = CompatMemory.load(tmp_path / "compat.json")
    assert again.api_style("dmxapi") == "chat"
    assert again.adapted("dmxapi", "gpt-5-mini") == {DROP_TEMPERATURE}


def test_key_resolution_prefers_keyring_then_env(monkeypatch: pytest.MonkeyPatch) -> None:
    assert keys.resolve_key("openai") is None
    monkeypatch.setenv(keys.ENV_KEY, "sk-from-env")
    assert keys.resolve_key("openai") == "sk-from-env"
    keys.set_key("openai", "  sk-from-keyring\n")
    assert keys.resolve_key("openai") == "sk-from-keyring"
    assert keys.delete_key("openai") and not keys.delete_key("openai")


def test_no_plaintext_fallback_when_no_keyring_works() -> None:
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring

    keyring.set_keyring(FailKeyring())
    status = keys.keyring_status()
    assert not status.usable and "VISIONDESK_API_KEY" in status.detail
    with pytest.raises(AnalysisError, match="No working OS keyring"):
        keys.set_key("openai", "sk-x")
