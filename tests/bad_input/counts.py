"""``python -m tests.bad_input.counts``: how many bad-input cases each class has (for issue #23's closing note)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tests.bad_input.txtar import CLASSES, parse

CASES = sorted((Path(__file__).parent / "cases").glob("*.txt"))


def counts(cases: list[Path]) -> Counter[str]:
    """Cases per ``class:`` value (an unknown or missing class is counted under its own spelling)."""
    return Counter(parse(case).klass or "(none)" for case in cases)


def main() -> None:
    found = counts(CASES)
    for klass in (*CLASSES, *sorted(set(found) - set(CLASSES))):
        print(f"{klass:<13}{found[klass]:>4}")
    print(f"{'total':<13}{sum(found.values()):>4}")


if __name__ == "__main__":
    main()
