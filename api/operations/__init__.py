"""Each domain's root Query, Mutation and Subscription types, merged in api.build."""
