"""Local services for development and tests: DynamoDB Local, Redis, the OIDC provider."""
