"""Stories: one happening, however many reports.

    extracted Article --duplicates (MinHash + LSH, before the language model)--> copy of an original?
        original --analysis--> Analysis --assign (keys.py: actors, places, dates, keywords)--> story
        story --merge--> story-level events listing every article and sentence they came from

``minhash.py`` shingles and signatures; ``duplicates.py`` copies; ``keys.py`` what an article is
about; ``assign.py`` incremental story assignment; ``merge.py`` merged events; ``related.py``
related articles; ``index.py`` the ``StoryIndex`` that ingest keeps up to date; ``backfill.py`` stories
for articles stored before stories existed (``newsevents stories --backfill``); ``bench.py`` the
throughput benchmark (``python -m newsevents.stories.bench``).
"""

from newsevents.stories.assign import Assignment, StoryAssigner, StoryOptions
from newsevents.stories.duplicates import DuplicateFinder, DuplicateMatch, DuplicateOptions
from newsevents.stories.index import StoryIndex
from newsevents.stories.merge import merge_stories_events, merge_story_events
from newsevents.stories.related import related_articles

__all__ = [
    "Assignment",
    "DuplicateFinder",
    "DuplicateMatch",
    "DuplicateOptions",
    "StoryAssigner",
    "StoryIndex",
    "StoryOptions",
    "merge_stories_events",
    "merge_story_events",
    "related_articles",
]
