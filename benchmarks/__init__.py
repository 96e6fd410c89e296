"""Benchmark scripts: each runs quotedesk and a baseline in the same run and prints ratios."""
