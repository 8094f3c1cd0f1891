"""The GraphQL types: objects, inputs, enums and results that resolvers return and read."""
