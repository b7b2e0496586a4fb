"""Language guess: py3langid, offline; None for text too short or too mixed to tell."""

from __future__ import annotations

import time

import pytest

from newsevents.language import guess_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The harbour authority said on Monday that the port would reopen after the storm, and that "
         "ships waiting outside would be let in by Friday.", "en"),
        ("L'autorité portuaire a annoncé lundi que le port rouvrirait après la tempête et que les navires "
         "en attente pourraient entrer d'ici vendredi.", "fr"),
        ("La autoridad portuaria dijo el lunes que el puerto volvería a abrir después de la tormenta y que "
         "los barcos que esperan podrán entrar antes del viernes.", "es"),
        ("Die Hafenbehörde teilte am Montag mit, dass der Hafen nach dem Sturm wieder öffnen werde und die "
         "wartenden Schiffe bis Freitag einlaufen könnten.", "de"),
        ("Otoritas pelabuhan mengatakan pada hari Senin bahwa pelabuhan akan dibuka kembali setelah badai "
         "dan kapal-kapal yang menunggu dapat masuk sebelum hari Jumat.", "id"),
        ("Port reopens", None),  # too short to tell
        ("", None),
        ("2026-10-12 14:00 +++ 42 17 99 / 3.5% --- 1,200", None),  # no words at all
    ],
)  # fmt: skip
def test_guess_language(text: str, expected: str | None) -> None:
    assert guess_language(text) == expected


def test_guess_is_fast_on_long_articles() -> None:
    text = "The port reopened on Monday after the storm, officials said. " * 2000
    guess_language(text)  # the model loads once
    started = time.perf_counter()
    for _ in range(50):
        assert guess_language(text) == "en"
    assert (time.perf_counter() - started) / 50 < 0.01
