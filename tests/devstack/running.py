"""Runs `vcoffee dev` as a child process on free ports, as a person would with `make dev`."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from runtime.ports import free_port

VCOFFEE = str(Path(sys.executable).with_name("vcoffee"))
READY = re.compile(r"Virtual Coffee is running at (\S+) ")


@dataclass
class DevStack:
    url: str
    env: dict[str, str]
    data_dir: Path
    process: subprocess.Popen[str]
    reader: threading.Thread
    output: list[str] = field(default_factory=list)

    @property
    def dynamodb_url(self) -> str:
        return self.env["VCOFFEE_DYNAMODB_ENDPOINT"]

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.env['VCOFFEE_DEV_REDIS_PORT']}/0"

    @property
    def oidc_url(self) -> str:
        return f"http://127.0.0.1:{self.env['VCOFFEE_DEV_OIDC_PORT']}"

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                # The supervisor's own stop may take 5 s for its watch, 15 s for the programs
                # and 2 s per program's output reader: more than 30 s on a busy machine.
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.reader.join(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()
        return self.process.returncode


def dev_ports_env() -> dict[str, str]:
    return {
        "VCOFFEE_PORT": str(free_port()),
        "VCOFFEE_DEV_DYNAMODB_PORT": str(free_port()),
        "VCOFFEE_DEV_REDIS_PORT": str(free_port()),
        "VCOFFEE_DEV_OIDC_PORT": str(free_port()),
        "VCOFFEE_DEV_SMTP_PORT": str(free_port()),
    }


def start_dev(*, data_dir: Path, ports: dict[str, str], timeout: float = 120) -> DevStack:
    env = {key: value for key, value in os.environ.items() if not key.startswith("VCOFFEE_")}
    env.pop("REDIS_URL", None)
    env.update(ports)
    env["VCOFFEE_DEV_DATA_DIR"] = str(data_dir)
    process = subprocess.Popen(
        [VCOFFEE, "dev"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    output: list[str] = []
    found: list[str] = []
    ready = threading.Event()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            match = READY.search(line)
            if match:
                found.append(match.group(1))
                ready.set()
        ready.set()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while not ready.wait(0.5):
        if time.monotonic() > deadline:
            break
    if not found:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        reader.join(timeout=10)
        if process.stdout is not None:
            process.stdout.close()
        raise RuntimeError("vcoffee dev did not become ready:\n" + "".join(output[-60:]))
    env["VCOFFEE_DYNAMODB_ENDPOINT"] = f"http://127.0.0.1:{ports['VCOFFEE_DEV_DYNAMODB_PORT']}"
    return DevStack(
        url=found[0], env=env, data_dir=data_dir, process=process, reader=reader, output=output
    )
