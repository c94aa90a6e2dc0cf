"""Score the convention checker on the labelled corpus in tests/conventions/.

    python scripts/convention_score.py [--json] [--min 0.95] [--verbose]

Reports precision and recall of violation detection per clause (clauses.jsonl,
overall and per split) and per document (a violation counts when its line and
kind match the labels), and topic recall over the documents. Exits 1 when any
headline figure is below --min.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongzhi.conventions.checker import convention_file_check, convention_text_check  # noqa: E402

CORPUS = ROOT / "tests" / "conventions"


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


def clauses_score(verbose: bool = False) -> dict[str, dict[str, float | int]]:
    rows = [json.loads(line) for line in (CORPUS / "clauses.jsonl").read_text("utf-8").splitlines() if line.strip()]
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        kinds = {v.kind for v in convention_text_check(row["text"]).violations}
        label = row["label"]
        for split in ("all", row.get("split", "dev")):
            c = counts.setdefault(split, {"n": 0, "tp": 0, "fp": 0, "fn": 0})
            c["n"] += 1
            if label != "ok" and label in kinds:
                c["tp"] += 1
            elif label != "ok":
                c["fn"] += 1
            if label == "ok" and kinds:
                c["fp"] += 1
        if verbose and ((label == "ok") != (not kinds) or (label != "ok" and label not in kinds)):
            print(f"clause  expected {label:13} got {sorted(kinds)}  {row['text']!r}")
    return {
        split: {**c, "precision": _ratio(c["tp"], c["tp"] + c["fp"]), "recall": _ratio(c["tp"], c["tp"] + c["fn"])}
        for split, c in counts.items()
    }


def documents_score(verbose: bool = False) -> dict[str, float | int]:
    labels = json.loads((CORPUS / "documents" / "labels.json").read_text("utf-8"))
    tp = fp = fn = 0
    topics_expected = topics_found = topics_false = 0
    compliant_right = 0
    for name, label in sorted(labels.items()):
        report = convention_file_check(CORPUS / "documents" / name)
        expected = {(v["line"], v["kind"]) for v in label["violations"]}
        found = {(v.line, v.kind) for v in report.violations}
        tp += len(expected & found)
        fp += len(found - expected)
        fn += len(expected - found)
        covered = {t.key: t.covered for t in report.topics}
        for key, is_covered in label["topics"].items():
            if is_covered:
                topics_expected += 1
                topics_found += covered[key]
            else:
                topics_false += covered[key]
        compliant_right += report.compliant == label["compliant"]
        if verbose and (expected != found or any(covered[k] != v for k, v in label["topics"].items())):
            print(f"{name}: missing {sorted(expected - found)} extra {sorted(found - expected)} "
                  f"topics {[k for k, v in label['topics'].items() if covered[k] != v]}")
    return {
        "documents": len(labels),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        "topic_recall": _ratio(topics_found, topics_expected),
        "topics_wrongly_covered": topics_false,
        "compliant_accuracy": _ratio(compliant_right, len(labels)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--min", type=float, default=0.95)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    clauses = clauses_score(args.verbose)
    documents = documents_score(args.verbose)
    headline = {
        "clause_precision": clauses["all"]["precision"],
        "clause_recall": clauses["all"]["recall"],
        "document_precision": documents["precision"],
        "document_recall": documents["recall"],
        "topic_recall": documents["topic_recall"],
    }
    if args.json:
        print(json.dumps({"headline": headline, "clauses": clauses, "documents": documents}, indent=2))
    else:
        for split, c in clauses.items():
            print(f"clauses[{split}]: n={c['n']} precision={c['precision']:.3f} recall={c['recall']:.3f}")
        print(f"documents: n={documents['documents']} precision={documents['precision']:.3f} "
              f"recall={documents['recall']:.3f} topic_recall={documents['topic_recall']:.3f} "
              f"compliant_accuracy={documents['compliant_accuracy']:.3f}")
    return 0 if all(value >= args.min for value in headline.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
