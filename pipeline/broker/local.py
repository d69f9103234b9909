"""A real single-node Apache Kafka (KRaft) on 127.0.0.1, started by the project itself.

The broker's jars come from Maven Central (`pom.xml` beside this file), resolved once with
Maven into `<home>/kafka/<version>/libs`; the broker runs on Java 17 with its data, config and
log in a folder the caller owns. The CLI (`pipeline kafka start|stop|status`) and the test
suite both use this module, so what the tests run is what users run.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import uuid
from collections.abc import Mapping
from contextlib import closing, suppress
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

from tqdm import tqdm

log = logging.getLogger(__name__)

KAFKA_VERSION = "4.0.2"  # the one place the Kafka version is pinned (compose is tested against it)
MIN_JAVA = 17  # Kafka 4.0 brokers need Java 17 or newer
START_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 30.0
READY_LINE = "Kafka Server started"


class LocalKafkaError(RuntimeError):
    """The local broker cannot be fetched, started or reached; the message says what to do."""


def _require(tool: str, what: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise LocalKafkaError(
            f"`{tool}` was not found on PATH. The local Kafka broker needs {what}.\n"
            "  Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless maven\n"
            "  or, with Docker: docker compose up (see docker-compose.yml)\n"
            "  or point the pipeline at an existing cluster: "
            "export KAFKA_BOOTSTRAP_SERVERS=host:9092"
        )
    return path


def java_major_version(java: str) -> int:
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        raise LocalKafkaError(f"could not read the Java version from `{java} -version`")
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def find_java() -> str:
    java = _require("java", f"Java {MIN_JAVA} or newer")
    major = java_major_version(java)
    if major < MIN_JAVA:
        raise LocalKafkaError(
            f"Java {major} found at {java}; Apache Kafka {KAFKA_VERSION} needs Java {MIN_JAVA}+"
        )
    return java


def jars_dir(home: Path) -> Path:
    return home / "kafka" / KAFKA_VERSION / "libs"


def fetch_jars(home: Path) -> Path:
    """Resolve the broker's jars from Maven Central once; later calls return at once."""
    libs = jars_dir(home)
    done_marker = libs / ".complete"
    if done_marker.exists():
        return libs
    mvn = _require("mvn", "Maven (to fetch Apache Kafka's jars from Maven Central)")
    find_java()
    libs.mkdir(parents=True, exist_ok=True)
    pom = resources.files("pipeline.broker").joinpath("pom.xml")
    command = [
        mvn,
        "-B",
        f"-Dmaven.repo.local={(home / 'm2').resolve()}",
        f"-Dkafka.version={KAFKA_VERSION}",
        "-f",
        str(pom),
        "dependency:copy-dependencies",
        f"-DoutputDirectory={libs.resolve()}",
        "-DincludeScope=runtime",
    ]
    log.info("fetching Apache Kafka %s jars from Maven Central into %s", KAFKA_VERSION, libs)
    started = time.monotonic()
    output: list[str] = []
    with (
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        ) as proc,
        tqdm(
            desc=f"Fetching Kafka {KAFKA_VERSION} from Maven Central",
            unit=" files",
            disable=not sys.stderr.isatty(),
        ) as bar,
    ):
        assert proc.stdout is not None
        for line in proc.stdout:
            output.append(line)
            if line.startswith("Downloaded from"):
                bar.update(1)
    if proc.returncode != 0:
        tail = "".join(output[-30:])
        raise LocalKafkaError(f"Maven could not resolve Kafka {KAFKA_VERSION}:\n{tail}")
    jars = list(libs.glob("*.jar"))
    size_mb = sum(j.stat().st_size for j in jars) / 1e6
    log.info("resolved %d jars (%.1f MB) in %.1f s", len(jars), size_mb, time.monotonic() - started)
    done_marker.write_text(KAFKA_VERSION)
    return libs


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def accepts_clients(bootstrap: str, timeout: float = 2.0) -> bool:
    """True when the first broker in `bootstrap` answers a Kafka ApiVersions request.

    A raw request keeps this check cheap and independent of any client library.
    """
    host, _, port = bootstrap.split(",")[0].strip().rpartition(":")
    client_id = b"pipeline-probe"
    correlation_id = 7
    # request header v1: api_key=18 (ApiVersions), api_version=0, correlation id, client id
    body = struct.pack(">hhih", 18, 0, correlation_id, len(client_id)) + client_id
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=timeout) as sock:
            sock.sendall(struct.pack(">i", len(body)) + body)
            header = _recv_exactly(sock, 10)
    except OSError:
        return False
    if header is None:
        return False
    _size, answered_id, error_code = struct.unpack(">iih", header)
    return bool(answered_id == correlation_id and error_code == 0)


def _recv_exactly(sock: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie (our own exited child not yet reaped) is not alive
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


@dataclass(frozen=True)
class BrokerInfo:
    """What a running local broker is: written to `<data dir>/broker.json` when it starts."""

    pid: int
    port: int
    controller_port: int
    data_dir: str
    version: str
    started_at: float

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.port}"


class LocalKafka:
    """One single-node KRaft broker (broker and controller in one JVM) on 127.0.0.1."""

    def __init__(
        self,
        data_dir: Path,
        *,
        home: Path,
        port: int = 0,
        heap: str = "512m",
        message_max_bytes: int = 8 * 1024 * 1024,
        sasl_users: Mapping[str, str] | None = None,
    ) -> None:
        self.data_dir = data_dir.resolve()
        self.home = home.resolve()
        self.port = port
        self.heap = heap
        self.message_max_bytes = message_max_bytes
        # user -> password: clients must then authenticate (SASL_PLAINTEXT, SCRAM-SHA-512 or PLAIN)
        self.sasl_users = dict(sasl_users or {})
        # the JVM we started, kept so it is reaped here (a CLI that exits leaves it running)
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def state_file(self) -> Path:
        return self.data_dir / "broker.json"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "broker.log"

    def status(self) -> BrokerInfo | None:
        """The running broker recorded in this folder, or None (a stale record is removed)."""
        try:
            info = BrokerInfo(**json.loads(self.state_file.read_text()))
        except (OSError, ValueError, TypeError):
            return None
        if not pid_alive(info.pid):
            self.state_file.unlink(missing_ok=True)
            return None
        return info

    def start(self, timeout: float = START_TIMEOUT_S) -> BrokerInfo:
        """Start the broker (or return the one already running here) and wait until it
        answers clients."""
        running = self.status()
        if running is not None:
            return running
        libs = fetch_jars(self.home)
        java = find_java()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        # a restart keeps the ports, so clients and the quorum find the broker where it was
        port, controller_port, internal_port = self._previous_ports() or (
            self.port or free_port(),
            free_port(),
            free_port(),
        )
        config = self._write_config(port, controller_port, internal_port)
        classpath = f"{libs}/*"
        log4j = resources.files("pipeline.broker").joinpath("log4j2.properties")
        jvm = [
            java,
            f"-Xmx{self.heap}",
            f"-Xms{self.heap}",
            "-XX:+UseG1GC",
            "-Djava.awt.headless=true",
        ]
        jvm += [f"-Dlog4j2.configurationFile={log4j}", "-cp", classpath]
        if not (self.data_dir / "logs" / "meta.properties").exists():
            cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
            scram = [
                arg
                for user, password in self.sasl_users.items()
                for arg in ("--add-scram", f"SCRAM-SHA-512=[name={user},password={password}]")
            ]
            fmt = subprocess.run(
                [
                    *jvm,
                    "kafka.tools.StorageTool",
                    "format",
                    "-t",
                    cluster_id,
                    "-c",
                    str(config),
                    *scram,
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if fmt.returncode != 0:
                output = (fmt.stdout + fmt.stderr)[-3000:]
                raise LocalKafkaError(f"formatting the KRaft storage failed:\n{output}")
        started = time.time()
        with self.log_file.open("ab") as out:
            proc = subprocess.Popen(
                [*jvm, "kafka.Kafka", str(config)],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # survives the CLI that started it; Ctrl-C won't reach it
            )
        self._process = proc
        info = BrokerInfo(
            pid=proc.pid,
            port=port,
            controller_port=controller_port,
            data_dir=str(self.data_dir),
            version=KAFKA_VERSION,
            started_at=started,
        )
        self.state_file.write_text(json.dumps(asdict(info)))
        try:
            self._wait_ready(proc, info, timeout)
        except BaseException:
            self.stop()
            raise
        log.info(
            "Kafka %s ready on %s in %.1f s (pid %d, data in %s)",
            KAFKA_VERSION,
            info.bootstrap_servers,
            time.time() - started,
            info.pid,
            self.data_dir,
        )
        return info

    def _wait_ready(self, proc: subprocess.Popen[bytes], info: BrokerInfo, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise LocalKafkaError(
                    f"the broker exited with code {proc.returncode}; last lines of "
                    f"{self.log_file}:\n{self._log_tail()}"
                )
            if accepts_clients(info.bootstrap_servers, timeout=1.0):
                return
            time.sleep(0.25)
        raise LocalKafkaError(
            f"the broker did not accept clients within {timeout:.0f} s; "
            f"last lines of {self.log_file}:\n{self._log_tail()}"
        )

    def _log_tail(self, lines: int = 25) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> bool:
        """Stop the broker: SIGTERM (a controlled shutdown), SIGKILL after `timeout`.

        Returns False when no broker was running here."""
        info = self.status()
        if info is None:
            return False
        with _ignore_missing():
            os.killpg(info.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while pid_alive(info.pid) and time.monotonic() < deadline:
            _reap(info.pid)
            time.sleep(0.1)
        if pid_alive(info.pid):
            log.warning("broker pid %d ignored SIGTERM for %.0f s; killing it", info.pid, timeout)
            with _ignore_missing():
                os.killpg(info.pid, signal.SIGKILL)
            while pid_alive(info.pid):
                _reap(info.pid)
                time.sleep(0.05)
        self._forget_process()
        self.state_file.unlink(missing_ok=True)
        log.info("Kafka on %s stopped", info.bootstrap_servers)
        return True

    def kill(self) -> None:
        """SIGKILL the broker: a crash, for fault tests."""
        info = self.status()
        if info is not None:
            with _ignore_missing():
                os.killpg(info.pid, signal.SIGKILL)
            while pid_alive(info.pid):
                _reap(info.pid)
                time.sleep(0.05)
            self._forget_process()

    def _forget_process(self) -> None:
        if self._process is not None:
            self._process.wait()
            self._process = None

    def _previous_ports(self) -> tuple[int, int, int] | None:
        try:
            ports = json.loads((self.data_dir / "ports.json").read_text())
            return int(ports["client"]), int(ports["controller"]), int(ports["internal"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _write_config(self, port: int, controller_port: int, internal_port: int) -> Path:
        (self.data_dir / "ports.json").write_text(
            json.dumps({"client": port, "controller": controller_port, "internal": internal_port})
        )
        client_protocol = "SASL_PLAINTEXT" if self.sasl_users else "PLAINTEXT"
        settings = {
            "process.roles": "broker,controller",
            "node.id": "1",
            "controller.quorum.voters": f"1@127.0.0.1:{controller_port}",
            # clients on CLIENT; the broker talks to itself on INTERNAL, so SASL on CLIENT
            # needs no inter-broker credentials
            "listeners": f"CLIENT://127.0.0.1:{port},INTERNAL://127.0.0.1:{internal_port},"
            f"CONTROLLER://127.0.0.1:{controller_port}",
            "advertised.listeners": f"CLIENT://127.0.0.1:{port},INTERNAL://127.0.0.1:{internal_port}",
            "controller.listener.names": "CONTROLLER",
            "inter.broker.listener.name": "INTERNAL",
            "listener.security.protocol.map": f"CLIENT:{client_protocol},INTERNAL:PLAINTEXT,"
            "CONTROLLER:PLAINTEXT",
            "log.dirs": str(self.data_dir / "logs"),
            # one node: every internal topic has one replica
            "offsets.topic.replication.factor": "1",
            "transaction.state.log.replication.factor": "1",
            "transaction.state.log.min.isr": "1",
            "share.coordinator.state.topic.replication.factor": "1",
            "share.coordinator.state.topic.min.isr": "1",
            "offsets.topic.num.partitions": "10",  # 50 by default: slow to create, no use here
            "group.initial.rebalance.delay.ms": "0",  # a lone worker should not wait 3 s
            "message.max.bytes": str(self.message_max_bytes),
            "replica.fetch.max.bytes": str(self.message_max_bytes),
            "num.partitions": "1",
        }
        if self.sasl_users:
            plain_users = " ".join(f'user_{u}="{p}"' for u, p in self.sasl_users.items())
            plain_module = "org.apache.kafka.common.security.plain.PlainLoginModule"
            settings |= {
                "listener.name.client.sasl.enabled.mechanisms": "SCRAM-SHA-512,PLAIN",
                "listener.name.client.scram-sha-512.sasl.jaas.config": (
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;"
                ),
                "listener.name.client.plain.sasl.jaas.config": (
                    f"{plain_module} required {plain_users};"
                ),
            }
        config = self.data_dir / "server.properties"
        config.write_text("".join(f"{key}={value}\n" for key, value in settings.items()))
        return config


def _reap(pid: int) -> None:
    """Collect our own exited child so it does not linger as a zombie."""
    with suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _ignore_missing() -> suppress:
    """The process may have exited on its own since we looked."""
    return suppress(ProcessLookupError)
