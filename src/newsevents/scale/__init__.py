"""Scale: the same pipeline over many articles, on local worker processes or on a Ray cluster.

    workers.py     ParallelPipeline: Pipeline.extract / analyze in N local processes, results in input order
    progress.py    a progress bar with rate and ETA on a terminal, periodic plain lines otherwise
    documents.py   an Analysis rebuilt from its contract document (what the Parquet output carries)
    tables.py      the Parquet tables (articles, entities, actors, places, times, quotes, quantities,
                   events, event_participants, failures): Arrow schemas and rows
    inputs.py      input files under local paths or object-store URIs, read into numbered records
    ray_runner.py  `newsevents run --engine ray`: Ray Data reads, an actor pool analyses, Parquet by day
    load.py        `newsevents load DIR`: Parquet output into the embedded store, through ingest

The front ends (CLI, Ray runner) call the library; nothing here is imported by a pipeline stage.
Ray is imported only by ``ray_runner`` and only when a Ray run starts.
"""

from newsevents.scale.progress import Progress
from newsevents.scale.workers import ParallelPipeline, default_workers

__all__ = ["ParallelPipeline", "Progress", "default_workers"]
