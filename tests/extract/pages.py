"""Small page builders shared by the extraction tests (our own words, no real site)."""

from __future__ import annotations

PARAGRAPHS = (
    "The river authority said on Tuesday that the northern dam would release water for three days "
    "after heavy rain filled the reservoir faster than engineers had expected.",
    "Farmers downstream were told to move livestock to higher ground, and two schools in the valley "
    "will stay closed until the water level falls, the authority said in a statement.",
    "“We would rather warn people early than explain a disaster later,” the authority’s chief engineer, "
    "Marta Olsen, told reporters at the dam. “The spillway is working exactly as designed.”",
    "Local officials said about 400 households had registered at two temporary shelters by the evening, "
    "and volunteers were handing out blankets, bottled water and hot meals.",
    "The last comparable release, in the spring of 2019, flooded several roads for a week but caused no "
    "deaths, according to the regional government.",
)


def article_html(
    *,
    head: str = "",
    before: str = "",
    after: str = "",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    lang: str = "en",
    title: str = "Dam to release water after heavy rain | Valley Courier",
    h1: str = "Dam to release water after heavy rain",
) -> str:
    """A plain news page: ``head`` tags, ``before``/``after`` markup around the article paragraphs."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{head}</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<main><article>
<h1>{h1}</h1>
{before}
<div class="entry-content">
{body}
</div>
{after}
</article></main>
<footer><p>© 2026 Valley Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""
