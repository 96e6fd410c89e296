"""`python -m evals --dataset FILE.jsonl ...`: the same command as `quotedesk eval`."""

from evals.run import main

if __name__ == "__main__":
    main()
