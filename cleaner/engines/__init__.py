"""Engines: where the pipeline's per-document steps run.

The steps themselves live in :mod:`cleaner.pipeline` (``read_step``, ``clean_step``, the corpus
statistics between them, ``dedup_stage``) and know nothing about where they run.

- the local engine is :func:`cleaner.pipeline.clean_files` (worker processes on this machine);
- :func:`cleaner.engines.ray_engine.clean_files_ray` runs the same steps on a Ray cluster
  (``pip install 'cleaner[ray]'``), with the same result.

Ray is imported only when the Ray engine runs, so this package costs nothing without it.
"""
