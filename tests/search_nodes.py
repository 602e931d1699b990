"""Elasticsearch nodes a test starts, stops and kills itself, beside the suite's own node, with the
project's script (.ci/elasticsearch/node.sh): faults the rest of the suite must not suffer.

Each node has a runtime folder of its own under ``KOOPERATIVA_ES_FAULTS_HOME`` (the distribution
is unpacked there once and kept between runs; its data is wiped at every first start), its own
HTTP and transport ports on loopback, and a cluster name no other node uses.
"""

import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

NODE_SCRIPT = settings.BASE_DIR / ".ci" / "elasticsearch" / "node.sh"
# Beside the suite node's /var/tmp/kooperativa-es, and kept between runs like it.
RUNTIME_ROOT = Path(os.environ.get("KOOPERATIVA_ES_FAULTS_HOME", "/var/tmp/kooperativa-es-faults"))  # noqa: S108
START_TIMEOUT_SECONDS = 300


class TestNode:
    __test__ = False  # not a test class, whatever pytest's name pattern says

    def __init__(self, name, http_port, transport_port, cluster, members=()):
        self.name = name
        self.http_port = http_port
        self.transport_port = transport_port
        self.cluster = cluster
        self.members = members
        self.home = RUNTIME_ROOT / name
        self.url = f"http://127.0.0.1:{http_port}"

    def environment(self):
        environment = {
            **os.environ,
            "KOOPERATIVA_ES_HOME": str(self.home),
            "KOOPERATIVA_ES_PORT": str(self.http_port),
            "KOOPERATIVA_ES_TRANSPORT_PORT": str(self.transport_port),
            "KOOPERATIVA_ES_CLUSTER": self.cluster,
            "KOOPERATIVA_ES_NODE_NAME": self.name,
            "KOOPERATIVA_ES_TIMEOUT": str(START_TIMEOUT_SECONDS),
        }
        if self.members:
            environment["KOOPERATIVA_ES_SEED_HOSTS"] = ",".join(
                f"127.0.0.1:{member.transport_port}" for member in self.members
            )
            environment["KOOPERATIVA_ES_MASTER_NODES"] = ",".join(member.name for member in self.members)
        return environment

    def run(self, command):
        """Starts ``node.sh <command>``; ``wait()`` on the answer raises if it failed."""
        return ScriptRun(
            subprocess.Popen(
                [str(NODE_SCRIPT), command],
                env=self.environment(),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            ),
            f"{self.name}: node.sh {command}",
        )

    def wipe_data(self):
        shutil.rmtree(self.home / "data", ignore_errors=True)

    def start(self):
        self.run("start").wait()

    def stop(self):
        self.run("stop").wait()

    def kill(self):
        self.run("kill").wait()


class ScriptRun:
    def __init__(self, process, label):
        self.process = process
        self.label = label

    def wait(self):
        output, _ = self.process.communicate(timeout=START_TIMEOUT_SECONDS + 60)
        if self.process.returncode != 0:
            raise RuntimeError(f"{self.label} failed:\n{output}")
        return output


def start_together(nodes):
    """Starts the nodes at once (a cluster's first master needs most of them up) and waits for all."""
    for node in nodes:
        node.wipe_data()
    runs = [node.run("start") for node in nodes]
    for run in runs:
        run.wait()


def stop_all(nodes):
    for node in nodes:
        node.stop()
