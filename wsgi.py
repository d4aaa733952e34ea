import gc

from caseflow import create_app

app = create_app()
# What the app loaded (mappers, templates, compiled SQL) lives as long as the worker: kept out
# of the garbage collector's full collections, which otherwise scan it during every large page
# (bench/README.md: the ranking of 5 000 candidates).
gc.freeze()
