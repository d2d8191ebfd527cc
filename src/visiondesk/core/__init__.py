"""Plain data and pure functions shared by every other room: events, errors, results, images."""
