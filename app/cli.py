"""`quotedesk` commands: thin wrappers that check options, call `QuoteDesk`, print results.

Heavy imports (torch, Chroma, Gradio) happen inside commands so `--help` stays instant.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from app.render import format_answer_text, format_quote_line

if TYPE_CHECKING:
    from app.api import QuoteDesk
    from app.settings import Settings


class Context:
    def __init__(self, **overrides: Any) -> None:
        self.overrides = overrides

    def settings(self, **more: Any) -> Settings:
        from app.settings import load_settings

        try:
            return load_settings(**self.overrides, **more)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc

    def desk(self, check_store: bool = True, ingesting: bool = False, **more: Any) -> QuoteDesk:
        """The desk, or one clear error line (never a traceback) when the store is unusable."""
        from app.api import QuoteDesk
        from ingest.store import StoreError

        try:
            desk = QuoteDesk.from_settings(self.settings(**more))
            problem = desk.index_problem(ingesting) if check_store else None
        except (StoreError, RuntimeError, ValueError, ImportError) as exc:  # incl. --llm problems
            raise click.ClickException(str(exc)) from exc
        if problem:
            raise click.ClickException(problem)
        return desk


@click.group()
@click.option("--store", "store", type=click.Path(file_okay=False), help="Store folder.")
@click.option("--chroma-url", help="Use a Chroma server (http://host:port) instead of the folder.")
@click.option(
    "--llm",
    metavar="SPEC",
    help="Write answers with an LLM: ollama:MODEL, openai:MODEL or llamacpp:/path/model.gguf "
    "(or QUOTEDESK_LLM). Every sentence is checked against its cited passage.",
)
@click.option(
    "--llm-base-url",
    metavar="URL",
    help="Server for --llm openai:/ollama: (or QUOTEDESK_LLM_BASE_URL); "
    "the API key is read from QUOTEDESK_LLM_API_KEY.",
)
@click.pass_context
def cli(
    ctx: click.Context,
    store: str | None,
    chroma_url: str | None,
    llm: str | None,
    llm_base_url: str | None,
) -> None:
    """quotedesk: ask your news articles; every answer cites the exact quoted words."""
    from app.settings import set_process_switches

    set_process_switches()  # once, before any command imports Hugging Face or Gradio
    ctx.obj = Context(home=store, chroma_url=chroma_url, llm=llm, llm_base_url=llm_base_url)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--no-progress", is_flag=True, help="Hide the progress bar.")
@click.pass_obj
def ingest(obj: Context, paths: tuple[str, ...], no_progress: bool) -> None:
    """Add article files or folders (.txt .md .html .json .jsonl) to the store."""
    from ingest.pipeline import StoreWriteError

    desk = obj.desk(ingesting=True)

    def report_error(error: Any) -> None:
        click.echo(f"error: {error}", err=True)

    try:
        report = desk.ingest(paths, on_error=report_error, progress=not no_progress)
    except StoreWriteError as exc:  # disk full or a damaged store: one line, not a traceback
        raise click.ClickException(str(exc)) from exc
    click.echo(report.summary())
    if unindexed := desk.unindexed_articles():
        click.echo(
            f"warning: {unindexed} archived articles are in no index; run `quotedesk rebuild`",
            err=True,
        )
    sys.exit(1 if report.failed else 0)


@cli.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option("--quotes", "quotes_only", is_flag=True, help="Quoted passages only, even with --llm")
@click.option("--speaker", help="Answer from this speaker's words only.")
@click.option("--source", help="Only articles of this source (as stored, e.g. 'CNN').")
@click.option("--since", metavar="YYYY-MM-DD", help="Only articles published on or after.")
@click.option("--until", metavar="YYYY-MM-DD", help="Only articles published on or before.")
@click.pass_obj
def ask(
    obj: Context,
    question: str,
    as_json: bool,
    quotes_only: bool,
    speaker: str | None,
    source: str | None,
    since: str | None,
    until: str | None,
) -> None:
    """Answer a question from the stored articles, with cited passages."""
    from app.types import Filters

    try:
        filters = Filters(speaker, source, since, until)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    answer = obj.desk().ask(question, mode="quotes" if quotes_only else None, filters=filters)
    if as_json:
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_answer_text(answer))


@cli.command()
@click.option("--no-progress", is_flag=True, help="Hide the progress bar.")
@click.pass_obj
def rebuild(obj: Context, no_progress: bool) -> None:
    """Re-create chunks, quotes and vectors from the stored article texts."""
    report = obj.desk(check_store=False).rebuild(progress=not no_progress)
    click.echo(
        f"rebuilt {report.updated} articles; {report.chunks_written} chunks and "
        f"{report.quotes_written} quotes written"
    )


@cli.command()
@click.pass_obj
def stats(obj: Context) -> None:
    """Articles, chunks, quotes and speakers in the store, and where it is."""
    for key, value in obj.desk().stats().items():
        click.echo(f"{key}: {value}")


@cli.command()
@click.argument("article")
@click.option("--speaker", help="Only this speaker's quotes.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per quote, with its rule.")
@click.option("--explain", is_flag=True, help="Show the extraction rule that made each quote.")
@click.pass_obj
def quotes(obj: Context, article: str, speaker: str | None, as_json: bool, explain: bool) -> None:
    """Quotes of an article file (not ingested) or of a stored article id."""
    if Path(article).is_file():
        try:
            found = obj.desk(check_store=False).quotes_in_file(article, speaker)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
    else:
        desk = obj.desk()
        if desk.article(article) is None:
            raise click.ClickException(f"{article}: no such file or stored article id")
        found = desk.quotes(article, speaker)
    if as_json:
        fields = ("text", "start", "end", "speaker", "speaker_as_written", "role", "cue", "kind")
        rows = [{f: getattr(q, f) for f in (*fields, "rule")} for q in found]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for quote in found:
        line = format_quote_line(quote)
        click.echo(f"{line}  [rule: {quote.rule or 'unknown'}]" if explain else line)


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def speakers(obj: Context, as_json: bool) -> None:
    """Speakers in the store with quote counts and aliases."""
    infos = obj.desk().speakers()
    if as_json:
        rows = [info.__dict__ | {"aliases": list(info.aliases)} for info in infos]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for info in infos:
        role = f" ({info.role})" if info.role else ""
        aliases = f"  aka {', '.join(info.aliases)}" if info.aliases else ""
        click.echo(f"{info.quotes:5d}  {info.name}{role}{aliases}")


@cli.command()
@click.option("--host", help="Address to bind (default 127.0.0.1).")
@click.option("--port", type=int, help="Port (default 7860).")
@click.option("--auth", help="user:pass for basic login (or QUOTEDESK_AUTH).")
@click.pass_obj
def serve(obj: Context, host: str | None, port: int | None, auth: str | None) -> None:
    """Start the browser chat."""
    from app.ui import launch  # after `cli()` set the switches Gradio reads at import

    settings = obj.settings(host=host, port=port, auth=auth)
    launch(obj.desk(host=host, port=port, auth=auth), settings.server)


@cli.command(
    "eval",
    context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.pass_obj
def eval_(obj: Context, args: tuple[str, ...]) -> None:
    """Score quotedesk against baselines on a labelled question set (`eval --help`)."""
    # evals is a client of QuoteDesk: imported only when the command runs, and given the
    # global options as its own options' defaults (its explicit flags win).
    from evals.run import main as run_eval_command

    defaults = {
        "store": obj.overrides.get("home"),
        "chroma_url": obj.overrides.get("chroma_url"),
        "llm": obj.overrides.get("llm"),
        "llm_base_url": obj.overrides.get("llm_base_url"),
    }
    run_eval_command(args, defaults, prog_name="quotedesk eval", standalone=False)


# ----- quote desk tools: check a quote, a speaker over time, two speakers, export


@cli.command()
@click.argument("quotation")
@click.option("--speaker", help="Whom the quotation is attributed to.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_obj
def check(obj: Context, quotation: str, speaker: str | None, as_json: bool) -> None:
    """Check a quotation: who said it, where and when, and whether it is quoted faithfully."""
    from app.tool_render import format_check

    result = obj.desk().check(quotation, speaker)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_check(result))


@cli.command()
@click.argument("speaker")
@click.option("--topic", help="Only statements on this topic.")
@click.option("--since", metavar="YYYY-MM-DD", help="Only articles published on or after.")
@click.option("--until", metavar="YYYY-MM-DD", help="Only articles published on or before.")
@click.pass_obj
def timeline(
    obj: Context, speaker: str, topic: str | None, since: str | None, until: str | None
) -> None:
    """A speaker's statements in date order, grouped by date, each with its source."""
    from app.tool_render import format_timeline

    try:
        found = obj.desk().timeline(speaker, topic, since, until)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(format_timeline(found))


@cli.command()
@click.argument("first")
@click.argument("second")
@click.option("--topic", help="What they spoke about.")
@click.pass_obj
def compare(obj: Context, first: str, second: str, topic: str | None) -> None:
    """Two speakers side by side: each one's own cited words."""
    from app.tool_render import format_comparison

    try:
        found = obj.desk().compare(first, second, topic)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(format_comparison(found))


@cli.command()
@click.argument("speaker", required=False)
@click.option("--topic", help="Only the speaker's quotations on this topic.")
@click.option("--answer", "question", metavar="QUESTION", help="Export this answer's citations.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "md"]), default="csv")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file.")
@click.pass_obj
def export(
    obj: Context,
    speaker: str | None,
    topic: str | None,
    question: str | None,
    fmt: str,
    output: str | None,
) -> None:
    """Export a speaker's quotations, or an answer's citations, with their sources."""
    if (speaker is None) == (question is None):
        raise click.UsageError("give a SPEAKER or --answer QUESTION (one of them)")
    desk = obj.desk()
    try:
        answer = desk.ask(question, mode="quotes") if question else None
        text = desk.export(fmt, speaker=speaker, topic=topic, answer=answer)  # type: ignore[arg-type]
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def main() -> None:
    cli(prog_name="quotedesk")


if __name__ == "__main__":
    main()
