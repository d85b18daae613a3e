"""The hand-written layer of the Python client, kept here and tested like the rest of src/.

`make generate` (scripts/client_layer.py) copies these modules into the generated package
`specgate_client` (errors.py and client.py replace the generator's), next to `_rules/` (a copy of
specgate's pure merge code) and `_shapes.py` (the spec's secret marks). They import each other as
`specgate_client.<module>`, the name they have once copied; this file is not copied.
"""
