"""The four services as separate processes: ``make run`` and the end-to-end tests use this.

``python -m sosai_shared.processes`` starts the embedded broker (unless
``KAFKA_BOOTSTRAP_SERVERS`` points elsewhere), the development OAuth2 issuer (unless
``SOSAI_OIDC_ISSUER_URL`` names one) and the services on their ports, waits until
each answers ``/readyz``, prints where they are, and on Ctrl-C (or SIGTERM) stops them all and the broker, leaving no process behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx

from sosai_shared.auth.keys import DEV_ISSUER, DEV_ISSUER_PORT

#: The service that owns organisation API keys and answers every other service's questions about them.
API_KEY_OWNER = "registry"


@dataclass(frozen=True)
class ServiceSpec:
    """One service, as every runner of it sees it: ``make run``, the tests, docker-compose and Kubernetes
    (deploy/k8s/generate.py writes their files from this list, so adding a service is adding one entry).
    """

    name: str  #: folder under services/ (uv package ``sosai-<name>``)
    package: str
    port: int
    prefix: str
    service_name: str  #: what its /healthz calls itself; its Kubernetes name and metrics ``service`` label
    title: str = ""
    #: topics its outbox publishes (none for a service that only tells the outside world)
    publishes: tuple[str, ...] = ()
    #: topics its consumers read; each one's ``<topic>.dlq`` is where its failures go
    consumes: tuple[str, ...] = ()
    #: ``service_name`` of the services it asks synchronously over HTTP (``<PREFIX><CALLEE>_URL``)
    calls: tuple[str, ...] = ()
    #: ``service_name`` of the services whose public API it reads in the background (``<PREFIX><CALLEE>_URL``,
    #: no token, no start-up dependency, never on a request's path): the consumers of retirements
    #: reconcile against the registry's public ledger; the explorer copies the issuers' signed claims
    reads: tuple[str, ...] = ()

    @property
    def talks_to(self) -> tuple[str, ...]:
        """Every service it reaches over HTTP (its URLs; the network policies let it through).

        The registry for every other service: a request that presents an organisation API key is
        checked with the registry, which owns the keys (``sosai_shared.auth.api_keys``)."""
        named = (*self.calls, *self.reads)
        keys = () if self.service_name == API_KEY_OWNER or API_KEY_OWNER in named else (API_KEY_OWNER,)
        return (*named, *keys)


#: The services of the programme, defined once: ``make run``, ``make migrate``, the end-to-end
#: and deployment tests read this tuple (``python -m sosai_shared.processes --list`` prints it).
SERVICES = (
    ServiceSpec(
        "registry",
        "sosai_registry",
        8001,
        "REGISTRY_",
        "registry",
        title="Registry",
        publishes=("registry.events",),
        consumes=("certification.events",),
    ),
    ServiceSpec(
        "certification",
        "sosai_certification",
        8002,
        "CERTIFICATION_",
        "certification",
        title="Certification",
        publishes=("certification.events",),
        consumes=("registry.events", "calculator.events", "catalog.events"),
        reads=("registry",),
    ),
    ServiceSpec(
        "calculator",
        "sosai_calculator",
        8003,
        "CALCULATOR_",
        "calculator",
        title="Calculator",
        publishes=("calculator.events",),
        consumes=("registry.events",),
        reads=("registry",),
    ),
    ServiceSpec(
        "events-catalog",
        "sosai_events_catalog",
        8004,
        "CATALOG_",
        "catalog",
        title="Events catalog",
        publishes=("catalog.events",),
        consumes=("registry.events", "certification.events"),
        calls=("calculator",),
        reads=("registry",),
    ),
    ServiceSpec(
        "notifications",
        "sosai_notifications",
        8005,
        "NOTIFICATIONS_",
        "notifications",
        title="Notifications",
        consumes=("registry.events", "certification.events", "calculator.events", "catalog.events"),
    ),
    ServiceSpec(
        "explorer",
        "sosai_explorer",
        8006,
        "EXPLORER_",
        "explorer",
        title="Explorer",
        consumes=("registry.events", "certification.events", "calculator.events", "catalog.events"),
        reads=("registry", "certification"),
    ),
)


class ServiceProcess:
    """One service under uvicorn in its own process, logging JSON to a file."""

    def __init__(
        self, spec: ServiceSpec, env: Mapping[str, str], log_dir: Path, port: int | None = None
    ) -> None:
        self.spec = spec
        self.port = port or spec.port
        self.env = dict(env)
        self.log_path = log_dir / f"{spec.name}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                f"{self.spec.package}.main:create_app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--timeout-graceful-shutdown",
                "10",
                "--no-access-log",
            ],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()

    def wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(
                    f"{self.spec.name} exited with {self.proc.returncode}; see {self.log_path}"
                )
            try:
                r = httpx.get(f"{self.url}/readyz", timeout=5)
                if r.status_code == 200:
                    # the port may belong to someone else (a leftover process): it must be ours
                    who = httpx.get(f"{self.url}/healthz", timeout=5).json().get("service")
                    time.sleep(0.2)
                    if self.proc is not None and self.proc.poll() is not None:
                        raise RuntimeError(
                            f"{self.spec.name} exited ({self.proc.returncode}) while port {self.port} answers "
                            f"for {who!r}: is another process on it? see {self.log_path}"
                        )
                    if who == self.spec.service_name:
                        return
                last = r.text
            except httpx.HTTPError as exc:
                last = repr(exc)
            time.sleep(0.3)
        raise RuntimeError(f"{self.spec.name} not ready after {timeout}s: {last}; see {self.log_path}")

    def stop(self, timeout: float = 20.0) -> int | None:
        if self.proc is None or self.proc.poll() is not None:
            return None if self.proc is None else self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(timeout=5)

    def kill(self) -> None:
        """SIGKILL: the crash a fault test wants (no graceful shutdown, nothing flushed)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


def _broker_script(root: Path, action: str) -> None:
    subprocess.run(["bash", str(root / "deploy" / "local" / "tansu.sh"), action], check=True)


#: The development OAuth2 issuer's port (``make run`` only; production trusts a real OIDC provider).
#: The catalog's own development client (``auth/dev_clients.json``): ``calculator:estimate`` only.
CATALOG_DEV_CLIENT = ("events-catalog", "dev-only-events-catalog")


def spawn_dev_issuer(env: dict[str, str], log_dir: Path) -> subprocess.Popen[bytes] | None:
    """Start the development issuer unless an issuer is configured, and point the services at it.

    It only spawns: the services start beside it (they fetch its keys on the first token they
    see, not at start-up), and :func:`wait_dev_issuer` checks it answers before anyone is told
    that the programme is running. Started one after the other, the issuer's start-up added its
    whole import time to ``make run``'s.
    """
    if env.get("SOSAI_OIDC_ISSUER_URL"):
        return None
    port = int(env.get("SOSAI_DEV_ISSUER_PORT", DEV_ISSUER_PORT))
    log_dir.mkdir(parents=True, exist_ok=True)
    with open(log_dir / "dev-issuer.log", "ab") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "sosai_shared.auth.dev_issuer", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    env["SOSAI_OIDC_ISSUER_URL"] = f"http://127.0.0.1:{port}"
    env.setdefault("SOSAI_JWT_ISSUER", DEV_ISSUER)  # what the issuer names itself
    env.setdefault("CATALOG_OAUTH_CLIENT_ID", CATALOG_DEV_CLIENT[0])
    env.setdefault("CATALOG_OAUTH_CLIENT_SECRET", CATALOG_DEV_CLIENT[1])
    return proc


def wait_dev_issuer(proc: subprocess.Popen[bytes], url: str, log_dir: Path, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(url + "/healthz", timeout=2).json().get("service") == "dev-issuer":
                return
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the development issuer did not start on {url}; see {log_dir / 'dev-issuer.log'}")


def wait_all_ready(procs: list[ServiceProcess]) -> None:
    """Every service's readiness, checked side by side (each check ends with a 0.2 s look at its process)."""
    with ThreadPoolExecutor(max_workers=len(procs) or 1) as pool:
        for done in [pool.submit(p.wait_ready) for p in procs]:
            done.result()


def main() -> int:
    if sys.argv[1:] == ["--list"]:
        for spec in SERVICES:
            print(spec.name, spec.package, spec.port, spec.prefix, spec.service_name)
        return 0
    root = Path.cwd()
    env = dict(os.environ)
    env.setdefault("SOSAI_VAR_DIR", str(root / "var"))
    own_broker = "KAFKA_BOOTSTRAP_SERVERS" not in env
    if own_broker:
        try:
            _broker_script(root, "start")
        except subprocess.CalledProcessError:
            print(
                "The embedded broker could not start (see above). Point KAFKA_BOOTSTRAP_SERVERS at a Kafka "
                "broker and run again.",
                file=sys.stderr,
            )
            return 1
        env["KAFKA_BOOTSTRAP_SERVERS"] = f"127.0.0.1:{env.get('SOSAI_TANSU_PORT', '19092')}"
    log_dir = Path(env["SOSAI_VAR_DIR"]) / "log"
    by_name = {s.service_name: s for s in SERVICES}
    for spec in SERVICES:
        for other in spec.talks_to:
            env.setdefault(f"{spec.prefix}{other.upper()}_URL", f"http://127.0.0.1:{by_name[other].port}")
    issuer = spawn_dev_issuer(env, log_dir)
    procs = [ServiceProcess(spec, env, log_dir) for spec in SERVICES]
    stopping = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    code = 0
    try:
        for p in procs:
            p.start()
        if issuer is not None:
            wait_dev_issuer(issuer, env["SOSAI_OIDC_ISSUER_URL"], log_dir)
        wait_all_ready(procs)
        print(
            "\nSōsai is running (embedded defaults: SQLite under var/, broker at "
            f"{env['KAFKA_BOOTSTRAP_SERVERS']}):\n"
        )
        for p in procs:
            print(
                f"  {p.spec.name:<15} {p.url}   docs {p.url}/docs   metrics {p.url}/metrics   log {p.log_path}"
            )
        print(f"  {'dev issuer':<15} {env['SOSAI_OIDC_ISSUER_URL']}   (OAuth2 client credentials: /token)")
        print("\nGet a token:  make token ORG=demo-org SCOPES='registry:write registry:read'")
        print("Press Ctrl-C to stop everything.\n", flush=True)
        while not stopping:
            for p in procs:
                if p.proc is not None and p.proc.poll() is not None:
                    print(
                        f"{p.spec.name} exited unexpectedly ({p.proc.returncode}); see {p.log_path}",
                        file=sys.stderr,
                    )
                    stopping, code = True, 1
            time.sleep(0.5)
    except RuntimeError as exc:
        print(str(exc), file=sys.stderr)
        code = 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print("stopping…", flush=True)
        for p in procs:
            p.stop()
        if issuer is not None:
            issuer.terminate()
            issuer.wait(10)
        if own_broker:
            _broker_script(root, "stop")
        print("stopped.")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
