"""`python -m evals --dataset FILE.jsonl ...`: the same command as `quotedesk eval`."""

from app.settings import set_process_switches
from evals.run import main

if __name__ == "__main__":
    set_process_switches()  # start-up, as `quotedesk` does in `app.cli.cli`
    main()
