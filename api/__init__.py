"""The GraphQL API: each domain's Query, Mutation and Subscription types merged into one."""
