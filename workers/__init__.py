"""The arq worker: scheduled matching rounds and notification jobs."""
