"""The comparison's agreement view: how long marking the differences between two long answers
takes (``core.textdiff.diff_segments``). It runs in a worker thread but holds the GIL, so a slow
diff makes the window stutter after a comparison of long answers.

Two answers of 4,000 English words with 5% of the words changed, and two of 20,000 Chinese
characters with 2% changed. Targets: <= 0.5 s for the words, <= 1 s for the characters.

    python benchmarks/bench_agreement.py [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import time

from _common import median_ms, verdict

from visiondesk.core.textdiff import diff_segments

CJK = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"


def english(rng: random.Random) -> tuple[str, str]:
    vocabulary = [f"{stem}{n}" for stem in ("total", "item", "cafe", "table", "card") for n in range(40)]
    words = [rng.choice(vocabulary) for _ in range(4000)]
    changed = [w if rng.random() > 0.05 else "X" for w in words]
    return " ".join(words), " ".join(changed)


def chinese(rng: random.Random) -> tuple[str, str]:
    text = "".join(rng.choice(CJK + "，。\n") for _ in range(20000))
    return text, "".join(c if rng.random() > 0.02 else "错" for c in text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(42)
    for name, (reference, text), target_ms in (("4,000 English words, 5% changed", english(rng), 500),
                                               ("20,000 Chinese characters, 2% changed", chinese(rng), 1000)):
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            segments = diff_segments(reference, text)
            times.append(time.perf_counter() - start)
        ms = median_ms(times)
        changed = sum(1 for s in segments if s.op != "equal")
        print(f"{name:40} median {ms:6.0f} ms, {changed} differences (target <= {target_ms} ms): "
              f"{verdict(ms <= target_ms)}")


if __name__ == "__main__":
    main()
