"""Match notifications: rendering, channels, and the retry-and-fallback delivery policy."""
