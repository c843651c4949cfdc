"""Engines: where the pipeline's per-document steps run.

The steps themselves live in :mod:`cleaner.pipeline` (``read_step``, ``clean_step``, the corpus
statistics between them, ``dedup_stage``) and know nothing about where they run.

- the local engine is :func:`cleaner.pipeline.run_files` (worker processes on this machine, the
  documents in a spill on disk; :func:`~cleaner.pipeline.clean_files` reads them all back);
- :func:`cleaner.engines.ray_engine.run_files_ray` runs the same steps on a Ray cluster
  (``pip install 'cleaner[ray]'``), the documents in Ray's object store and the shards written
  by Ray tasks, with the same result (``clean_files_ray`` reads them all back).

Ray is imported only when the Ray engine runs, so this package costs nothing without it.
"""
