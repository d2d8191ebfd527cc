"""Test support code: the fault-injecting OpenAI-compatible server and the aimock launcher."""
