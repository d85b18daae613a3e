"""A copy of specgate's pure merge rules (src/specgate), made by `make generate`."""
