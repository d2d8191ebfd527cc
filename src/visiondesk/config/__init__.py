"""Provider profiles and presets (TOML in the platform config dir) and API keys (OS keyring only)."""
