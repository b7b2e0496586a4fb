"""Related articles: the other articles of an article's story, and the nearest ones outside it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from newsevents.store import Store
from newsevents.stories.assign import StoryOptions, lookup_key
from newsevents.stories.keys import cosine


def related_articles(
    store: Store, article_id: str, *, limit: int = 5, days: int = 14, options: StoryOptions | None = None
) -> dict[str, Any]:
    """``{"article", "story", "in_story", "nearest"}``: the story's other articles, and up to ``limit``
    articles of other stories published within ``days`` of it, most similar first (with ``similarity``).
    """
    options = options or StoryOptions()
    own = store.story_vectors([article_id]).get(article_id)
    if own is None:
        return {"article": article_id, "story": None, "in_story": [], "nearest": []}
    story_id, day, vector = own
    in_story = [a for a in store.story_articles(story_id) if a["id"] != article_id]
    bucket_days = 2 * options.window_days + 1
    if day is None:
        buckets = [-1]
    else:
        buckets = list(range((day - timedelta(days)).toordinal() // bucket_days,
                             (day + timedelta(days)).toordinal() // bucket_days + 1))  # fmt: skip
    lookups = [lookup_key(k, b) for k in list(vector)[: options.lookup_keys] for b in buckets]
    others = {a for _, a, s, _ in store.story_key_matches(lookups) if s != story_id and a != article_id}
    scored = sorted(
        ((cosine(vector, v), a) for a, (_, _, v) in store.story_vectors(sorted(others)).items()),
        key=lambda sa: (-sa[0], sa[1]),
    )[:limit]
    rows = {r["id"]: r for r in store.list_articles(ids=[a for _, a in scored])}
    nearest = [{**rows[a], "similarity": round(s, 4)} for s, a in scored if a in rows and s > 0]
    return {"article": article_id, "story": story_id, "in_story": in_story, "nearest": nearest}
