"""Reading a question with spaCy's dependency parse: who it asks about, and what about.

Keyword stripping read "Why did X say he was quitting Y?" as the topic "Why quitting" and took
any name in the question for the speaker. The parse says which word is the subject of the
speech verb, which is its listener ("tell the committee") and which are scaffolding, so the
speaker is the person whose words are asked for and the topic is what is left.

Two ordered tables of named rules, both built from `app.lexicon_questions.LEXICON`:
`SPEAKER_RULES` find the speaker slot (the first rule that finds one wins), and
`SCAFFOLDING_RULES` say which words are not the topic.

The modules, in the order the data flows (each imports only modules before it):
- `pipeline`: the spaCy pipeline, loaded once per process;
- `cues`: which word asks for someone's words, and the verbs that only extend it;
- `slot`: `SpeakerSlot`, the phrase a speaker rule found, cut out of the tree;
- `speaker_nouns`: the speaker rules that start from a cue noun or "according to";
- `speaker_rules`: those that start from a cue verb, and `SPEAKER_RULES`, which orders all;
- `scaffolding`: `SCAFFOLDING_RULES`, the words that are not the topic;
- `parse`: `parse_question` and its record, `ParsedQuestion`.
"""
