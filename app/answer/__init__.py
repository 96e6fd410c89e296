"""The default, extractive answer: the best evidence units, each with its marker.

No LLM: every sentence of the answer is an exact span of an article, either as written (the
article's sentence, narrative or reported speech) or inside a short frame ("Tom Reed
said: “...”") that wraps only words inside a quotation's own span, so a citation can never
put words in a speaker's mouth. Which units, and whether to answer at all, is decided by the
learned ranker (`app/ranker.py`): units by the probability that they hold the answer, and the
answer declines when the probability that any candidate answers the question (a second model
over what the candidates look like as a whole) is below the threshold calibrated on dev.

Modules, in the order data flows (each imports only those before it; no re-exports here):
`articles` (one article's chunks and text, and where a citation stands in it), `search` (the
ranked candidates of one question, `Evidence`), `holders` (which holder of an office is
meant), `asked` (the person asked for, where the speaker index alone cannot tell), `citations`
(each family's budget, which candidates are cited and in what order), `declines` (the texts of
declines and of the line before the citations), `answerer` (`ExtractiveAnswerer`, which ties
them into an `Answer`).
"""
