"""What the checker reports: topics covered with their evidence, and violations with a lawful alternative."""

from __future__ import annotations

from dataclasses import dataclass

FINE = "fine"
OTHER_PENALTY = "other_penalty"


@dataclass(frozen=True)
class Evidence:
    line: int
    text: str


@dataclass(frozen=True)
class TopicResult:
    key: str
    label: str
    evidence: tuple[Evidence, ...]

    @property
    def covered(self) -> bool:
        return bool(self.evidence)


@dataclass(frozen=True)
class Violation:
    kind: str  # FINE or OTHER_PENALTY
    line: int
    text: str
    suggestion: str
    matched: str = ""


@dataclass(frozen=True)
class ConventionReport:
    topics: tuple[TopicResult, ...]
    violations: tuple[Violation, ...]

    @property
    def compliant(self) -> bool:
        return all(topic.covered for topic in self.topics) and not self.violations

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of `gongzhi convention-check --json`."""
        return {
            "compliant": self.compliant,
            "topics": {
                topic.key: {
                    "covered": topic.covered,
                    "evidence": [{"line": e.line, "text": e.text} for e in topic.evidence],
                }
                for topic in self.topics
            },
            "violations": [
                {"kind": v.kind, "line": v.line, "text": v.text, "suggestion": v.suggestion}
                for v in self.violations
            ],
        }
