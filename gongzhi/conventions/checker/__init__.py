"""The 村规民约/居民公约 compliance checker: pure Python, no database.

A revised convention must take in the township's required topics and must not
contain fines or clauses like them (所修订的民约不允许有罚款等条约). The checker
reads a text (or .docx paragraphs), normalises it (full-width → half-width,
traditional → simplified, page chrome and decoration removed), splits it into
sentences that may run over wrapped lines, and reports:

* each topic, covered or missing, with the lines that cover it;
* each sentence that sets a fine (罚款, 违约金, 处以…元, fees charged as
  punishment…) or another unlawful penalty (withholding 低保/补贴/集体分配/证明,
  断水断电, 没收, naming-and-shaming lists…), with a lawful alternative.

Rewards, service fees the households agreed to, and quoted law ("由公安机关
依法处理", "依照《治安管理处罚法》处理") are not violations. The patterns come
from the real conventions described in docs/conventions/patterns.md.

The package, one module a step: `reading` (a .txt or .docx into lines), `normalising` (the text matched),
`sentences` (lines into sentences, with the line each piece came from), `topics` (the required topics),
`patterns` (what a violation looks like), `messages` (the lawful alternatives), `results` (the report's
shape) and `checking` (topics and violations, sentence by sentence). Nothing here needs Django or a
database; an import-linter contract keeps the steps in that order, without cycles.
"""

from .checking import convention_check, convention_file_check, convention_text_check
from .normalising import text_normalise
from .reading import ConventionInputError, convention_bytes_read, convention_lines_read
from .results import FINE, OTHER_PENALTY, ConventionReport, Evidence, TopicResult, Violation
from .topics import DEFAULT_TOPICS, Topic, keyword_topic

__all__ = [
    "DEFAULT_TOPICS",
    "FINE",
    "OTHER_PENALTY",
    "ConventionInputError",
    "ConventionReport",
    "Evidence",
    "Topic",
    "TopicResult",
    "Violation",
    "convention_bytes_read",
    "convention_check",
    "convention_file_check",
    "convention_lines_read",
    "convention_text_check",
    "keyword_topic",
    "text_normalise",
]
