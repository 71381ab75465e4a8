"""Event detection and assembly: from an article and its dates, places and names to event records.

An article gives events where a trigger word (семінар, круглий стіл, форум...) stands in a
sentence that also says the event happens (a verb of occurrence, a date, a venue). A list of
dated items gives one event per item; otherwise the best-supported trigger is the article's
event. Every field keeps the character span it came from.

Modules: `record` (the Event), `context` (what the other stages found in an article),
`cues` (the word lists of gazetteers/event_cues.toml as patterns), `phrases` (noun phrases,
names, quotes), `detect` (triggers and the event decision), one module a field: `title`, `roles`
(organizers, partners), `audience` (and participants), `venue`, `fields` (date, status, topics, confidence);
`assemble` (putting it together).
"""
from extractor.events.assemble import assemble
from extractor.events.context import Context, build_context
from extractor.events.detect import Trigger, find_triggers
from extractor.events.record import Event
from extractor.text import split_sentences

__all__ = ["Context", "Event", "Trigger", "assemble", "build_context", "find_triggers", "split_sentences"]
