"""Analysis history in a SQLite file under the platform data directory."""
