"""The clients one process holds for its life: services, resources, logging and live events."""
