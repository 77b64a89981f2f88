"""The product context's use cases, one module per part of the product manager's work.
Every read and write asks cairn.workspaces.policy through `products.product_for`."""
