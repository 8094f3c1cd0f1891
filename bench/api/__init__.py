"""Load benchmark of the GraphQL API against a bare Starlette route doing the same reads."""
