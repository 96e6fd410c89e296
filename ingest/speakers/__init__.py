"""Speakers: their names, offices and roles, linked within an article and unified across articles.

The modules, in the order data flows through them: `lexicon` (word tables), `keys` (a
comparison key per name), `mentions` (names in free text), `offices` and `recorded_roles`
(offices and roles), `matching` (a written name to known speakers), `written_people` (the
people an article names in full), `article_links` (a speaker to one of them) and `unify` (one
name per person). Each imports only from those before it.
"""
