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
LOCAL_CLEANER_BUFFER_BYTES = 16 * 1024 * 1024  # log.cleaner.dedupe.buffer.size: see _write_config


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


def new_cluster_id() -> str:
    """A KRaft cluster id: 16 random bytes, URL-safe base64 without padding (Kafka's Uuid).

    Like Kafka's own Uuid.randomUuid, never one that starts with "-": the storage tool's
    argument parser would take it for an option (one id in 64 did, and formatting failed)."""
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


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


@dataclass(frozen=True)
class Quorum:
    """The cluster a node belongs to: a shared cluster id and every node's ports."""

    cluster_id: str
    node_id: int
    # node id -> (client port, internal port, controller port); every node is also a voter
    ports: dict[int, tuple[int, int, int]]

    @property
    def replicas(self) -> int:
        return len(self.ports)


class LocalKafka:
    """One KRaft node (broker and controller in one JVM) on 127.0.0.1: a single-node cluster
    by default, or one node of a `LocalKafkaCluster`."""

    def __init__(
        self,
        data_dir: Path,
        *,
        home: Path,
        port: int = 0,
        heap: str = "512m",
        message_max_bytes: int = 8 * 1024 * 1024,
        sasl_users: Mapping[str, str] | None = None,
        quorum: Quorum | None = None,
    ) -> None:
        self.data_dir = data_dir.resolve()
        self.home = home.resolve()
        self.port = port
        self.heap = heap
        self.message_max_bytes = message_max_bytes
        # user -> password: clients must then authenticate (SASL_PLAINTEXT, SCRAM-SHA-512 or PLAIN)
        self.sasl_users = dict(sasl_users or {})
        self.quorum = quorum
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
        info = self.spawn()
        self.wait_ready(timeout)
        return info

    def spawn(self) -> BrokerInfo:
        """Start the broker process without waiting for it (a node of a cluster only becomes
        ready once a majority of the quorum runs)."""
        running = self.status()
        if running is not None:
            return running
        libs = fetch_jars(self.home)
        java = find_java()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        # a restart keeps the ports, so clients and the quorum find the broker where it was
        if self.quorum is not None:
            port, internal_port, controller_port = self.quorum.ports[self.quorum.node_id]
        else:
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
            # The JIT's first tier only: this broker lives for a test session, a demo or a
            # benchmark, and the optimising tier spent half its CPU compiling during one
            # (figures in bench/RESULTS.md).
            "-XX:TieredStopAtLevel=1",
            "-Djava.awt.headless=true",
        ]
        jvm += [f"-Dlog4j2.configurationFile={log4j}", "-cp", classpath]
        if not (self.data_dir / "logs" / "meta.properties").exists():
            cluster_id = self.quorum.cluster_id if self.quorum else new_cluster_id()
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
        return info

    def wait_ready(self, timeout: float = START_TIMEOUT_S) -> None:
        """Wait until the broker answers clients; stops it and raises if it does not."""
        info = self.status()
        try:
            if info is None:
                raise LocalKafkaError(
                    f"the broker exited; last lines of {self.log_file}:\n{self._log_tail()}"
                )
            self._wait_ready(info, timeout)
        except BaseException:
            self.stop()
            raise
        log.info(
            "Kafka %s ready on %s in %.1f s (pid %d, data in %s)",
            KAFKA_VERSION,
            info.bootstrap_servers,
            time.time() - info.started_at,
            info.pid,
            self.data_dir,
        )

    def _wait_ready(self, info: BrokerInfo, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not pid_alive(info.pid):
                raise LocalKafkaError(
                    f"the broker exited; last lines of {self.log_file}:\n{self._log_tail()}"
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
            self._forget_process()  # it may have exited on its own (or been told to, by a cluster)
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
        if self.quorum is None:
            node_id, voters, replicas = 1, f"1@127.0.0.1:{controller_port}", 1
        else:
            node_id, replicas = self.quorum.node_id, self.quorum.replicas
            voters = ",".join(f"{n}@127.0.0.1:{p[2]}" for n, p in sorted(self.quorum.ports.items()))
        min_isr = str(min(2, replicas))  # with 3 replicas, a write survives one broker down
        settings = {
            "process.roles": "broker,controller",
            "node.id": str(node_id),
            "controller.quorum.voters": voters,
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
            # internal topics replicated on every node (one replica on a single node)
            "offsets.topic.replication.factor": str(replicas),
            "transaction.state.log.replication.factor": str(replicas),
            "transaction.state.log.min.isr": min_isr,
            "share.coordinator.state.topic.replication.factor": str(replicas),
            "share.coordinator.state.topic.min.isr": min_isr,
            "default.replication.factor": str(replicas),
            "min.insync.replicas": min_isr,
            "offsets.topic.num.partitions": "10",  # 50 by default: slow to create, no use here
            "transaction.state.log.num.partitions": "10",  # the same, for exactly_once workers
            "group.initial.rebalance.delay.ms": "0",  # a lone worker should not wait 3 s
            "message.max.bytes": str(self.message_max_bytes),
            "replica.fetch.max.bytes": str(self.message_max_bytes),
            "num.partitions": "1",
            # The log cleaner's key map is allocated on the heap when the broker starts: 128 MiB
            # by default, a third of a cluster node's heap here, held for good. The compacted
            # topics of a local broker (stats, consumer offsets) hold a few thousand keys.
            "log.cleaner.dedupe.buffer.size": str(LOCAL_CLEANER_BUFFER_BYTES),
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


class LocalKafkaCluster:
    """N KRaft nodes on 127.0.0.1, each broker and controller, one quorum: replication and
    broker failures on one machine. Layout (cluster id, ports) is kept in `cluster.json`, so a
    node restarted later finds its place."""

    def __init__(
        self,
        data_dir: Path,
        *,
        home: Path,
        brokers: int = 3,
        heap: str = "384m",
        message_max_bytes: int = 8 * 1024 * 1024,
    ) -> None:
        self.data_dir = data_dir.resolve()
        self.home = home
        self.brokers = brokers
        self.heap = heap
        self.message_max_bytes = message_max_bytes
        self._nodes: list[LocalKafka] | None = None

    @property
    def layout_file(self) -> Path:
        return self.data_dir / "cluster.json"

    def _layout(self) -> tuple[str, dict[int, tuple[int, int, int]]]:
        try:
            layout = json.loads(self.layout_file.read_text())
            ports = {int(n): (p[0], p[1], p[2]) for n, p in layout["ports"].items()}
            return str(layout["cluster_id"]), ports
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            pass
        cluster_id = new_cluster_id()
        ports = {n: (free_port(), free_port(), free_port()) for n in range(1, self.brokers + 1)}
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.layout_file.write_text(json.dumps({"cluster_id": cluster_id, "ports": ports}))
        return cluster_id, ports

    @property
    def nodes(self) -> list[LocalKafka]:
        if self._nodes is None:
            cluster_id, ports = self._layout()
            self._nodes = [
                LocalKafka(
                    self.data_dir / f"node-{node_id}",
                    home=self.home,
                    heap=self.heap,
                    message_max_bytes=self.message_max_bytes,
                    quorum=Quorum(cluster_id=cluster_id, node_id=node_id, ports=ports),
                )
                for node_id in sorted(ports)
            ]
        return self._nodes

    @property
    def bootstrap_servers(self) -> str:
        _, ports = self._layout()
        return ",".join(f"127.0.0.1:{client}" for client, _, _ in ports.values())

    def start(self, timeout: float = START_TIMEOUT_S) -> str:
        """Start every node, then wait for all (none is ready before a majority runs)."""
        for node in self.nodes:
            node.spawn()
        for node in self.nodes:
            node.wait_ready(timeout)
        return self.bootstrap_servers

    def status(self) -> list[BrokerInfo | None]:
        if not self.layout_file.exists():
            return []
        return [node.status() for node in self.nodes]

    def stop(self) -> bool:
        """Stop every node at once (one at a time, the last would wait for a lost quorum)."""
        running = [node for node in self.nodes if node.status() is not None]
        for node in running:
            info = node.status()
            if info is not None:
                with _ignore_missing():
                    os.killpg(info.pid, signal.SIGTERM)
        for node in self.nodes:
            node.stop()
        return bool(running)
