"""Which of ingest's heavy calls hold Python's GIL, and so stall every other thread of ingest:
a torch forward of the model, an onnxruntime run of its states export, a Chroma `add`.

Each call runs once alone and once beside a thread that spins in Python; the switch interval
is raised to 0.2 s, so a call that needs the GIL back N times waits about N x 0.2 s. For the
Chroma `add` the spinner's own progress is printed (near 0: the call held the GIL).

    python -m benchmarks.gil_holders [--export-folder DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from benchmarks.common import machine

TEXT = "The minister said the talks would resume on Tuesday, officials confirmed. " * 20


def _beside_spinner(call: Callable[[], object], interval: float) -> tuple[float, float]:
    """Seconds of `call` beside a spinning thread, and the spinner's rate during it."""
    stop = threading.Event()
    count = [0]

    def spin() -> None:
        while not stop.is_set():
            count[0] += 1

    previous = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    spinner = threading.Thread(target=spin)
    spinner.start()
    time.sleep(0.05)
    try:
        before, started = count[0], time.perf_counter()
        call()
        seconds = time.perf_counter() - started
        rate = (count[0] - before) / seconds
    finally:
        stop.set()
        spinner.join()
        sys.setswitchinterval(previous)
    return seconds, rate


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--export-folder", type=Path, default=Path(tempfile.gettempdir()) / "quotedesk-exports"
    )
    args = parser.parse_args()

    import chromadb

    from ingest.embedding import Embedder, resolve_model_path
    from ingest.pooling import padded
    from ingest.token_pass import windows_of

    model = resolve_model_path(None)
    torch_pass = Embedder(model, 8, None, runtime="torch").token_pass
    onnx_pass = Embedder(model, 8, args.export_folder, runtime="onnx").token_pass
    first_windows = [windows_of(p, torch_pass.max_length)[0] for p in torch_pass.pieces([TEXT])]
    ids, mask = padded(first_windows * 8)  # 8 rows of the model's longest input
    print(f"# GIL holders; {machine()}")
    for name, token_pass in (("torch forward", torch_pass), ("onnxruntime run", onnx_pass)):
        token_pass.forward(ids, mask)  # warm
        with token_pass.forward.threads(1):
            alone = _timed(lambda p=token_pass: p.forward(ids, mask))
            beside, _ = _beside_spinner(lambda p=token_pass: p.forward(ids, mask), 0.2)
        print(
            f"{name}, 8 x {ids.shape[1]} word pieces: alone {alone:.2f} s, beside a spinning"
            f" thread (0.2 s switch interval) {beside:.2f} s"
        )

    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((2000, 384)).astype(np.float32)
    with tempfile.TemporaryDirectory() as folder:
        client = chromadb.PersistentClient(path=folder)
        collection = client.get_or_create_collection("gil", embedding_function=None)

        def add() -> None:
            collection.add(
                ids=[str(i) for i in range(len(vectors))],
                embeddings=vectors,
                documents=[TEXT[:700]] * len(vectors),
                metadatas=[{"article_id": f"a{i // 5}", "index": i} for i in range(len(vectors))],
            )

        _, free_rate = _beside_spinner(lambda: time.sleep(0.5), 0.005)
        seconds, rate = _beside_spinner(add, 0.005)
    print(
        f"Chroma add of 2,000 records: {seconds:.2f} s; a spinning thread ran at"
        f" {100 * rate / free_rate:.0f}% of its speed meanwhile"
    )


if __name__ == "__main__":
    main()
