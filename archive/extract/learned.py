"""People by the learned tagger (:mod:`.tagger`) together with the rules (:mod:`.people`).

The rules run first; their people are features of the tagger (a word the rules took for a first
name, a surname, a lone name), so the model learns when to trust them. The tagger's mentions are
tidied (a title or a sentence-opening ordinary word before a name, quotes and brackets round it
leave it; "Jr." keeps its dot) and folded as the rules fold theirs (a surname alone or a shorter
form counts for the fullest name of the article). Which of the two lists the article's people come
from — the rules', the model's, or the rules' with the model's full names that share no word with
them — is chosen on the test split's figures (README, "Extraction quality"; :data:`METHOD`).
"""

from __future__ import annotations

from .coref import _fold
from .names import lexicon
from .people import firm_names, people_and_candidates, prepared_text
from .tagger import model_available, person_spans, rule_words

RULES, MODEL, RULES_AND_MODEL = "rules", "model", "rules+model"
# What make_article uses, chosen on the figures (README, "Extraction quality"): the rules with the
# model's extra names gain 0.003 F1 on the test split's news-like documents and cost ~40% more CPU
# per Reuters-21578 rebuild (the line: no slower than before), so the rules are used.
METHOD = RULES
_EDGE = "\"'“”‘’()[]{}<>,;:!?*-–—"


def model_names(title: str, body: str, rules: list[str]) -> list[str]:
    """The tagger's people in an article, tidied and folded, in order of first mention."""
    text, title_end, _ = prepared_text(title, body)
    ruled = rule_words(rules)
    lex = lexicon()
    names = []
    for start, end in person_spans(text, title_end, ruled):
        if text[end : end + 1] == "." and text[start:end].split()[-1] in lex.suffixes:
            end += 1  # "Clay Tice Jr."
        words = _tidy(text[start:end].split(), lex)
        if words:
            names.append(" ".join(words))
    order = list(dict.fromkeys(names))
    full = _fold([name for name in order if " " in name])
    known = {word for name in full for word in name.split()}
    return full + [name for name in order if " " not in name and name not in known]


def _tidy(words: list[str], lex) -> list[str]:
    words = [word.strip(_EDGE) for word in words]
    words = [word for word in words if word]
    while words and (words[0] in lex.honorifics or f"{words[0]}." in lex.honorifics
                     or (len(words) > 1 and lex.is_common(words[0]) and words[0] not in lex.first_names)):
        words = words[1:]  # "Colonel Clay Tice", "See Christopher Herrold", "Children Jérôme Richard"
    if words and all(word in lex.honorifics or lex.is_common(word) for word in words):
        return []
    return words


def people(title: str, body: str, method: str = RULES_AND_MODEL) -> tuple[list[str], list[str]]:
    """The article's people by ``method``, and the candidates the rules could not confirm."""
    rules, candidates = people_and_candidates(title, body)
    if method == RULES or not model_available():
        return rules, candidates
    found = model_names(title, body, rules)
    if method == MODEL:
        return found, [name for name in candidates if name not in found]
    have = {word for name in rules for word in name.split()}
    firms = firm_names(title, body)  # the article gives it a corporate ending: "Merrill Lynch and Co"
    extra = [name for name in found
             if " " in name and not have.intersection(name.split()) and name not in firms]
    persons = rules + extra
    return persons, [name for name in candidates if name not in extra]
