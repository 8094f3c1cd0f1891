"""What every layer shares and that imports nothing else of ours: errors and codes, shared enums."""
