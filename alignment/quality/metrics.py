"""sacrebleu metrics as the workbench uses them: BLEU, chrF++ and TER with fixed settings.

chrF++ is the headline metric.  Azerbaijani is agglutinative and Russian
richly inflected: one word carries case, number and possession endings, so
word n-gram metrics such as BLEU count ``parlamentinin`` against ``parlamenti``
or ``парламента`` against ``парламент`` as a total miss, while chrF's
character n-grams give credit for the shared stem, and the word uni- and
bigrams of chrF++ still reward word choice and order.  chrF needs no
tokeniser (BLEU's score depends on the one chosen, hence ``tok:intl`` here)
and it correlates better with human judgements than BLEU for such languages
(WMT metrics tasks; Popović 2015, 2017; Kocmi et al. 2021).  BLEU and TER are
reported next to it for comparison with published figures.

No metric lowercases by default.  sacrebleu's TER is case-insensitive by
default and then uses ``str.lower``, which turns Azerbaijani ``İ`` into
``i̇`` (two code points) and ``I`` into ``i`` instead of ``ı``; we pass
``case_sensitive=True`` so sacrebleu never lowercases.  When a caller asks for
case-insensitive scores, the texts are folded first by
:func:`alignment.quality.textnorm.casefold` with the reference language's rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sacrebleu.metrics import BLEU, CHRF, TER

from .textnorm import casefold, squash_spaces

HEADLINE = "chrF++"


@dataclass(frozen=True)
class MetricScore:
    name: str
    score: float
    signature: str

    def __str__(self) -> str:
        return f"{self.name} = {self.score:.2f}  ({self.signature})"


def bleu_metric() -> BLEU:
    return BLEU(tokenize="intl")


def chrf_metric() -> CHRF:
    return CHRF(word_order=2)


def ter_metric() -> TER:
    return TER(case_sensitive=True)


def prepare(lines: Sequence[str], lang: str, *, case_insensitive: bool = False) -> list[str]:
    """One line per segment (inner line breaks become spaces), folded by ``lang`` if asked."""
    prepared = [squash_spaces(line) for line in lines]
    if case_insensitive:
        prepared = [casefold(line, lang, merge_yo=False) for line in prepared]
    return prepared


def corpus_scores(
    hypotheses: Sequence[str], references: Sequence[str], *, lang: str, case_insensitive: bool = False,
) -> list[MetricScore]:
    """BLEU (intl tokeniser), chrF++ and TER of a system's lines against one reference each."""
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypothesis lines for {len(references)} references")
    if not references:
        raise ValueError("nothing to score: no reference lines")
    hyps = prepare(hypotheses, lang, case_insensitive=case_insensitive)
    refs = [prepare(references, lang, case_insensitive=case_insensitive)]
    scores = []
    for name, metric in (("BLEU", bleu_metric()), ("chrF++", chrf_metric()), ("TER", ter_metric())):
        result = metric.corpus_score(hyps, refs)
        scores.append(MetricScore(name, float(result.score), str(metric.get_signature())))
    return scores


def _signature(metric: CHRF | TER) -> str:
    """The metric's signature; sacrebleu only gives it once the metric has scored something."""
    metric.corpus_score(["x"], [["x"]])
    return str(metric.get_signature())


@dataclass(frozen=True)
class EditDistance:
    """How far a text is from another: chrF++ (100 = identical) and TER (0 = no edit)."""

    chrf: float
    ter: float


def sentence_distance(hypothesis: str, reference: str) -> EditDistance:
    hyp, ref = squash_spaces(hypothesis), squash_spaces(reference)
    if hyp == ref:
        return EditDistance(100.0, 0.0)
    chrf = chrf_metric().sentence_score(hyp, [ref]).score
    ter = ter_metric().sentence_score(hyp, [ref]).score
    return EditDistance(float(chrf), float(ter))


def corpus_distance(pairs: Sequence[tuple[str, str]]) -> tuple[EditDistance, str, str]:
    """Corpus-level chrF++ and TER of (hypothesis, reference) pairs, with both signatures."""
    chrf, ter = chrf_metric(), ter_metric()
    hyps = [squash_spaces(hyp) for hyp, _ in pairs]
    refs = [[squash_spaces(ref) for _, ref in pairs]]
    if hyps == refs[0]:  # nothing edited (or nothing at all): no need to count n-grams
        return EditDistance(100.0, 0.0), _signature(chrf), _signature(ter)
    distance = EditDistance(float(chrf.corpus_score(hyps, refs).score), float(ter.corpus_score(hyps, refs).score))
    return distance, str(chrf.get_signature()), str(ter.get_signature())
