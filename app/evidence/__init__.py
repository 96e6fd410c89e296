"""Evidence: the spans an answer may cite, found for a question and scored for the ranker.

Modules, in the order data flows: `units` (the citable spans of a chunk), `office_links` (who
a speaker stored as an office is in one article), `store_words` (which words the stored
passages hold, and how rare), `covers` (a topic's share in a text's terms), `vectors` (the
question's cosines to stored chunk, quotation and sentence vectors), `scoring` (every feature
of a unit for one question), `features` (the features' names in stored order, the ranked
`Candidate`, the question-level features) and `finder` (the candidates of a question).
"""
