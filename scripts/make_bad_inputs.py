"""Write the corpus of bad inputs the batch must survive (tests/data/bad/), and optionally the huge ones.

    .venv/bin/python scripts/make_bad_inputs.py [--out tests/data/bad] [--huge DIR]

The small files are committed; `--huge DIR` also writes a 100 MB text file and a page of
100,000 nested <div>s, which tests generate in a temporary folder instead. Every text here
is written for this corpus.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

UK = ("12 березня 2024 року в Житомирі відбувся семінар «Бюджет громади» для голів і фінансистів "
      "територіальних громад Житомирської області. Організатор — Асоціація міст України.")
UK_PLAIN = ("3 травня 2024 року у Вінниці пройшов тренінг \"Стратегія розвитку громади\" для старост "
            "Вінницької області. Його провела обласна рада.")   # koi8-u has no «» or dashes
UK_CUT = ("20-21 червня 2024 року в Полтаві відбудеться навчання для секретарів сільських рад "
          "Полтавської області на тему публічних закупівель. Зареєструйтеся до 15 червня.")
RU = ("15 апреля 2024 года в Харькове прошел круглый стол «Цифровые услуги в громадах» для старост "
      "и работников ЦНАП Харьковской области.")
RU_WIDE = ("9 февраля 2024 года в Одессе состоялся вебинар «Энергоэффективность в громадах» для "
           "руководителей коммунальных предприятий Одесской области.")
# Two different articles a scraper gave the same id.
DUPLICATES = ("5 липня 2024 року в Луцьку відбувся форум громад Волині «Відновлення разом».",
              "7 июля 2024 года в Днепре прошла конференция «Местные финансы» для громад Днепропетровской области.")
HUGE_BYTES = 100 * 1024 * 1024
NESTED_DIVS = 100_000


def bad_inputs() -> dict[str, bytes]:
    """Return the small bad inputs as {file name: content}."""
    rng = random.Random(12)
    utf8 = UK_CUT.encode("utf-8")
    broken_lines = [
        json.dumps({"id": "jsonl-good", "text": RU, "published": "2024-04-16"}, ensure_ascii=False).encode(),
        b'{"id": "jsonl-cut", "text": "\xd0\x9a\xd1\x80\xd1\x83\xd0',           # cut inside a character and the record
        b"{not json at all}",
        b"[1, 2, 3]",
        b'{"id": "jsonl-empty", "text": "   "}',
        b"\xff\xfe\x00garbage\x00",
        b"",
        json.dumps({"id": "jsonl-html", "html": "<html><body><script>x()</script></body></html>"}).encode(),
    ]
    duplicates = [json.dumps({"id": "dup-1", "text": text}, ensure_ascii=False).encode() for text in DUPLICATES]
    return {
        "empty.txt": b"",
        "blank.txt": b"  \n\t \r\n",
        "binary.txt": b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4096)),
        "truncated_utf8.txt": utf8[:-1] if (utf8[-1] & 0xC0) == 0x80 else utf8[:-2],
        "cp1251.txt": UK.encode("cp1251"),
        "koi8u.txt": UK_PLAIN.encode("koi8_u"),
        "utf16_bom.txt": RU_WIDE.encode("utf-16"),
        "scripts_only.html": (b"<html><head><script src='https://ads.example.com/a.js'></script></head><body>"
                              b"<iframe src='https://player.example.com/embed/1'></iframe>"
                              b"<script>document.write('<p>' + 'x'.repeat(1000) + '</p>')</script>"
                              b"<noscript><iframe src='https://t.example.com/p'></iframe></noscript></body></html>"),
        "broken.jsonl": b"\n".join(broken_lines) + b"\n",
        "duplicate_ids.jsonl": b"\n".join(duplicates) + b"\n",
    }


def write_bad_inputs(folder: Path) -> list[Path]:
    """Write the small bad inputs into a folder and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in bad_inputs().items():
        path = folder / name
        path.write_bytes(content)
        paths.append(path)
    return paths


def write_huge_inputs(folder: Path) -> list[Path]:
    """Write a 100 MB text file and a page of 100,000 nested <div>s into a folder."""
    folder.mkdir(parents=True, exist_ok=True)
    huge = folder / "huge.txt"
    line = (UK + "\n").encode("utf-8")
    with huge.open("wb") as fh:
        fh.write(line * (HUGE_BYTES // len(line) + 1))
    nested = folder / "nested_divs.html"
    nested.write_bytes(b"<html><body>" + b"<div>" * NESTED_DIVS + UK.encode("utf-8") + b"</div>" * NESTED_DIVS
                       + b"</body></html>")
    return [huge, nested]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "tests" / "data" / "bad")
    parser.add_argument("--huge", type=Path, help="also write the huge inputs into this folder")
    args = parser.parse_args()
    for path in write_bad_inputs(args.out) + (write_huge_inputs(args.huge) if args.huge else []):
        print(f"{path}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
