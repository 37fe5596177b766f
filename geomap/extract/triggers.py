"""Finding event triggers in a sentence, and telling reported facts from threats, plans and
forecasts (the lexicon's "modality" cues)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geomap.extract.lexicon import Lexicon

@dataclass(frozen=True, slots=True)
class Trigger:
    kind: str
    type: str
    start: int  # offsets within the sentence
    end: int
    text: str


@lru_cache(maxsize=8192)
def reported_triggers(text: str, lexicon: Lexicon) -> tuple[Trigger, ...]:
    """The sentence's triggers that report facts. They depend on the text alone, and the same
    sentences recur across articles (wire copy, updates, boilerplate), so they are remembered;
    the bound keeps memory flat over any corpus."""
    return tuple(t for t in find_triggers(text, lexicon) if is_reported_fact(text, t, lexicon))


def find_triggers(text: str, lexicon: Lexicon) -> list[Trigger]:
    """Non-overlapping triggers in text order, from one pass of the combined rule alternation.

    The alternation lists specific rules before generic ones, so at any position "rocket
    attack" wins over "attack"; a match wholly inside a "not an event" phrase is dropped.
    """
    lower = text.lower()
    same_length = len(lower) == len(text)  # "İ" lower-cases to two characters
    blocked = [(m.start(), m.end()) for m in (lexicon.not_event_lower.finditer(lower) if same_length
                                               else lexicon.not_event.finditer(text))]
    pattern, subject = (lexicon.any_trigger_lower, lower) if same_length else (lexicon.any_trigger, text)
    triggers = []
    position = 0
    while (m := pattern.search(subject, position)) is not None:
        if m.end() == m.start() or any(a <= m.start() and m.end() <= b for a, b in blocked):
            position = m.start() + 1  # inside "attack drones": "drones were launched at" may start within
            continue
        kind, type_ = lexicon.trigger_rules[int(m.lastgroup[1:])]
        triggers.append(Trigger(kind, type_, m.start(), m.end(), text[m.start():m.end()]))
        position = m.end()
    return _join_movement_verbs(text, triggers)


# When one sentence moves the same forces twice ("deployed from Pope AAF, head to the CENTCOM
# area"; "sending it out of the region"), it is one movement; these types say the most.
_MOVEMENT_TYPE_WEIGHT = {"withdrawal": 3, "transit": 2, "flight": 1, "deployment": 0}


# "moved to waters off Somalia to cover the withdrawal of troops": the second movement word is
# the object of the move's purpose, no movement of its own.
_PURPOSE_OBJECT = re.compile(r"\bto\s+[a-z]+\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:[a-z-]+\s+)?$")


# ", and USS Florida crossed": a named subject of its own before the second movement verb.
_NEW_NAMED_SUBJECT = re.compile(r",?\s+and\s+(?:the\s+)?(?:USS|HMS|INS|[A-Z][\w.-]*)(?:\s+[A-Z][\w.-]*){0,3}\s+$")


def _join_movement_verbs(text: str, triggers: list[Trigger]) -> list[Trigger]:
    joined: list[Trigger] = []
    for trigger in triggers:
        last = joined[-1] if joined else None
        if (last is not None and last.kind == trigger.kind == "movement"
                and trigger.start - last.end <= 80 and not re.search(r"[.;]", text[last.end:trigger.start])
                and not _CLAUSE_BREAK.search(text[last.end:trigger.start])
                and not _NEGATION.search(text, last.end, trigger.start)
                and not (_RELATIVE_OPENS.search(text, 0, last.start) and "," in text[last.end:trigger.start])):
            if _PURPOSE_OBJECT.search(text, last.end, trigger.start):
                continue  # "moved to waters off Somalia to cover the withdrawal": the move's purpose
            if _NEW_NAMED_SUBJECT.search(text, last.end, trigger.start):
                joined.append(trigger)  # "..., and USS Florida crossed the Suez Canal": another ship's move
                continue
            # not "The Truman, which left Norfolk in late September, passed through the Suez Canal"
            type_ = max((last.type, trigger.type), key=_MOVEMENT_TYPE_WEIGHT.get)
            joined[-1] = Trigger("movement", type_, last.start, trigger.end, text[last.start:trigger.end])
        else:
            joined.append(trigger)
    return joined


def is_reported_fact(text: str, trigger: Trigger, lexicon: Lexicon) -> bool:
    """False for threats, plans, forecasts, hypotheticals and negations."""
    if _PAST_RELATIVE.search(trigger.text):
        return True  # "air defenses that would be integrated ... the missiles that struck Abqaiq": told as past
    text = _MONTH_MAY.sub(_month_not_modal, text)  # "on May 9" is a date, not a modal verb
    before = text[:trigger.start]
    clause = before[clause_start(before, lexicon):]
    if participle_clause(text, trigger):
        clause = ""  # ", sending it out of the region": the result, not the thing decided against
    if lexicon.cue_determiner.search(before):
        return False
    if _DEMONSTRATIVE.search(before) and _EVENT_NOUN.search(trigger.text):
        return False  # "That strike answered a Feb. 15 rocket attack": the event just told, not a new one
    if lexicon.cue_after.search(_words_after(text, trigger.end)) or _MODAL_PAST_RELATIVE.match(text, trigger.end):
        return False
    inside = text[trigger.start:trigger.end].split(None, 1)
    if trigger.kind == "incident" and len(inside) == 2 and lexicon.cue_before.search(inside[1]):
        return False  # "missiles that could hit": the cue sits inside a long trigger
    near = " ".join(clause.split()[-3:])
    for cue in lexicon.cue_near_before.finditer(near):
        if cue.group().lower() == "to":
            if cue.end() == len(near) and not _BARE_VERB_END.search(trigger.text.split()[0]) \
                    and not lexicon.attempt_before.search(near):
                return False  # "to attack", but not "in response to attacks" nor "tried to seize"
        elif not lexicon.not_negation.search(clause):
            return False
    return not lexicon.cue_before.search(clause)


_RELATIVE_WORDS = frozenset({"that", "which", "who", "whose", "where", "when"})


# "a strike that killed Americans would put heavy pressure on ...": the modal after a short
# subject relative clause is the trigger's own (not "a fireball that residents said they could see").
_MODAL_PAST_RELATIVE = re.compile(r"\s+(?:that|which)\s+(?:\w+ed|hit|struck|sank|shot\s+down)\s+(?:[\w-]+\s+){0,3}?"
                                  r"(?:would|could|might|will|may)\b", re.I)


def _words_after(text: str, end: int) -> str:
    """The five words after a trigger, up to a relative clause ("a fireball that residents said
    they could see": the clause's "could" is not the fireball's)."""
    words = []
    for word in text[end:end + 60].split()[:5]:
        if word.lower() in _RELATIVE_WORDS:
            break
        words.append(word)
    return " ".join(words)


def _month_not_modal(m: re.Match) -> str:
    return (m.group(1) or "") + ("Mai" if (m.group(1) or m.group(2)) else "May")


def participle_clause(text: str, trigger: Trigger) -> bool:
    """", killing dozens", ", sending it out of the region": what the main clause did, and when."""
    return trigger.text.split()[0].lower().endswith("ing") and text[:trigger.start].rstrip().endswith(",")


def clause_start(before: str, lexicon: Lexicon, end: int | None = None) -> int:
    """Where the trigger's clause begins: after the last scope breaker ("following", ";"), or
    after the comma that closes a subordinate clause it opened ("as officials warned of
    attacks, the carrier was ordered to ...": the warning is not the order's).

    ``before`` is the text before the trigger, or the whole sentence with the trigger at ``end``
    (read as if it stopped there: the sentence is not copied, nor lower-cased again).
    """
    end = len(before) if end is None else end
    breaker = None
    for breaker in lexicon.breakers.finditer(before, 0, end):
        pass  # only the last one counts
    if breaker is None:
        return 0
    last = breaker.end()
    if breaker.group().lower() in _SUBORDINATORS and len(before[:breaker.start()].split()) <= 4:
        # "In early May, as ...": a subordinate clause that opens the sentence ends at its comma
        comma = before.rfind(",", last, end)
        if comma != -1 and not _ELABORATION.match(before, comma + 1, end):
            return comma + 1
    return last


# After these a comma continues the clause before it (", possibly with missile strikes").
_ELABORATION = re.compile(r"\s*(?:including|possibly|perhaps|potentially|probably|likely|such as|especially|"
                          r"particularly|notably|with|or|and|which|who|whose|if|unless)\b", re.I)
_SUBORDINATORS = frozenset({"as", "when", "after", "since", "because", "following", "despite", "amid", "which", "who",
                            "in the wake of", "in response to"})


_PAST_RELATIVE = re.compile(r"\b(?:that|which) (?:struck|hit|slammed into|killed|wounded|damaged)\b", re.I)
_DEMONSTRATIVE = re.compile(r"\b(?:that|this|those|these)\s+$", re.I)
_EVENT_NOUN = re.compile(r"(?:strikes?|attacks?|raids?|assaults?|barrages?|shoot-?downs?|seizures?|bombings?|"
                         r"explosions?|blasts?|incidents?|flights?|deployments?|missions?)$", re.I)
_RELATIVE_OPENS = re.compile(r"\b(?:which|who|that)\s+(?:had\s+|has\s+|have\s+)?$", re.I)
_CLAUSE_BREAK = re.compile(r"\b(?:after|before|when|while|since|because|although|which|who|where|but)\b", re.I)
# "have moved to an advisory role and that no troops were withdrawn": the second verb is negated,
# so it is no part of the first one's movement.
_NEGATION = re.compile(r"\b(?:no|not|never|none)\b|n[’']t\b", re.I)


_BARE_VERB_END = re.compile(r"(?:s|ed|ing)$")


_MONTH_MAY = re.compile(r"\b((?i:in|on|of|early|late|mid|since|until|by|last|this|next) |\d{1,2}(?:st|nd|rd|th)? )?May\b(?=(\s+\d|,? (?:19|20)\d\d)?)")
