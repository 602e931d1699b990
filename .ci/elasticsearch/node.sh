#!/usr/bin/env bash
# A real, test-only Elasticsearch node on 127.0.0.1:9200, without Docker and without
# Elastic's download site: the server comes from Maven Central (the "integ-test-zip"
# distribution, fetched with `mvn dependency:copy`), and a small stable-API analysis plugin
# built from ./plugin supplies the analysis-common components that distribution lacks.
#
#   .ci/elasticsearch/node.sh start    download, build, install, start; wait for green/yellow
#   .ci/elasticsearch/node.sh stop     stop the node
#   .ci/elasticsearch/node.sh status   print the cluster health (exit 0 running, 3 not running)
#   .ci/elasticsearch/node.sh restart  stop + start
#   .ci/elasticsearch/node.sh kill     end the node at once (SIGKILL), as a crash would
#   .ci/elasticsearch/node.sh empty    stop the node and delete its data (every index), keeping the
#                                      distribution and the plugin, so the next start is a new node's
#   .ci/elasticsearch/node.sh check    exit 0 when this machine has all a start needs (a JDK, Maven, ...)
#                                      without installing anything, else say what is missing, exit 1
#
# Environment (all optional):
#   KOOPERATIVA_ES_HOME       runtime dir: distribution, config, data, logs  [/var/tmp/kooperativa-es]
#   KOOPERATIVA_ES_VERSION    Elasticsearch version                          [9.5.4]
#   KOOPERATIVA_ES_PORT       HTTP port on 127.0.0.1                         [9200]
#   KOOPERATIVA_ES_JAVA_HOME  JDK for the server and the plugin build        [Temurin 25, else newest JDK >= 21]
#   KOOPERATIVA_ES_JAVA_OPTS  JVM options                                    [-Xms1g -Xmx1g]
#   KOOPERATIVA_ES_USER       user that runs the node when started as root   [kooperativa-es]
#   KOOPERATIVA_ES_TIMEOUT    seconds to wait for the cluster health         [180]
#   KOOPERATIVA_ES_CLUSTER    cluster name                                   [kooperativa-test]
#   KOOPERATIVA_ES_NODE_NAME  node name                                      [<cluster>-node]
#   KOOPERATIVA_ES_TRANSPORT_PORT  transport port (or range)                 [9300-9399]
#   KOOPERATIVA_ES_SEED_HOSTS   the cluster's members' transport addresses (host:port),
#                               comma-separated; unset, the node is a cluster of its own
#   KOOPERATIVA_ES_MASTER_NODES the names of the members that elect the first master,
#                               comma-separated (needed with KOOPERATIVA_ES_SEED_HOSTS)
#
# A cluster of three on loopback: three runtime dirs, ports and node names, the same cluster name,
# seed hosts and master nodes, started together (each start waits until the cluster has formed).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PLUGIN_SRC="$SCRIPT_DIR/plugin"
PLUGIN_NAME="kooperativa-test-analysis"
PLUGIN_VERSION="1.0.0"

ES_VERSION="${KOOPERATIVA_ES_VERSION:-9.5.4}"
RT="${KOOPERATIVA_ES_HOME:-/var/tmp/kooperativa-es}"
PORT="${KOOPERATIVA_ES_PORT:-9200}"
JAVA_OPTS="${KOOPERATIVA_ES_JAVA_OPTS:--Xms1g -Xmx1g}"
TIMEOUT="${KOOPERATIVA_ES_TIMEOUT:-180}"
CLUSTER="${KOOPERATIVA_ES_CLUSTER:-kooperativa-test}"
NODE_NAME="${KOOPERATIVA_ES_NODE_NAME:-$CLUSTER-node}"
TRANSPORT_PORT="${KOOPERATIVA_ES_TRANSPORT_PORT:-9300-9399}"
SEED_HOSTS="${KOOPERATIVA_ES_SEED_HOSTS:-}"
MASTER_NODES="${KOOPERATIVA_ES_MASTER_NODES:-}"
URL="http://127.0.0.1:$PORT"
DIST="$RT/elasticsearch-$ES_VERSION"
CONF="$RT/config"
PIDFILE="$RT/es.pid"
DIST_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip"
DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

if [ "$(id -u)" = 0 ]; then
    ES_USER="${KOOPERATIVA_ES_USER:-kooperativa-es}"
else
    ES_USER="$(id -un)"
fi

say() { printf '[es-testnode] %s\n' "$*"; }
die() { printf '[es-testnode] ERROR: %s\n' "$*" >&2; exit 1; }

es_major() { printf '%s' "${ES_VERSION%%.*}"; }

# ---------------------------------------------------------------- tools

APT_UPDATED=0
apt_install() {
    [ "$(id -u)" = 0 ] || die "missing $*: install it (apt-get install $*) or run this script as root"
    command -v apt-get >/dev/null || die "missing $* and no apt-get to install it"
    if [ "$APT_UPDATED" = 0 ]; then
        say "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        APT_UPDATED=1
    fi
    say "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

need_cmd() { # command [package]
    command -v "$1" >/dev/null 2>&1 || apt_install "${2:-$1}"
}

java_major_of() { # JAVA_HOME -> major version, or nothing
    local home="$1" v
    [ -x "$home/bin/java" ] || return 0
    if [ -f "$home/release" ]; then
        v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")"
    fi
    if [ -z "${v:-}" ]; then
        v="$("$home/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')"
    fi
    printf '%s' "$v"
}

java_needed() { # the oldest JDK the Elasticsearch version runs on
    if [ "$(es_major)" -ge 9 ]; then printf 21; else printf 17; fi
}

find_java() { # set ES_JAVA to a JDK already on this machine that is new enough; 1 when there is none
    local need home major best="" best_major=0
    need="$(java_needed)"
    if [ -n "${KOOPERATIVA_ES_JAVA_HOME:-}" ]; then
        major="$(java_major_of "$KOOPERATIVA_ES_JAVA_HOME")"
        [ -n "$major" ] && [ "$major" -ge "$need" ] || return 1
        ES_JAVA="$KOOPERATIVA_ES_JAVA_HOME"
        return 0
    fi
    for home in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*/ ${JAVA_HOME:-}; do
        home="${home%/}"
        [ -x "$home/bin/javac" ] || continue
        major="$(java_major_of "$home")"
        [ -n "$major" ] || continue
        if [ "$home" = /usr/lib/jvm/temurin-25-jdk-amd64 ] && [ "$major" -ge "$need" ]; then
            best="$home"; best_major="$major"; break
        fi
        if [ "$major" -gt "$best_major" ]; then best="$home"; best_major="$major"; fi
    done
    [ -n "$best" ] && [ "$best_major" -ge "$need" ] || return 1
    ES_JAVA="$best"
}

pick_java() {
    local need
    need="$(java_needed)"
    find_java && return 0
    [ -z "${KOOPERATIVA_ES_JAVA_HOME:-}" ] ||
        die "KOOPERATIVA_ES_JAVA_HOME=$KOOPERATIVA_ES_JAVA_HOME is not a JDK >= $need"
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt_install "openjdk-$need-jdk-headless" ||
            die "Elasticsearch $ES_VERSION needs a JDK >= $need; set KOOPERATIVA_ES_JAVA_HOME"
        ES_JAVA="/usr/lib/jvm/java-$need-openjdk-amd64"
        return
    fi
    die "Elasticsearch $ES_VERSION needs a JDK >= $need; set KOOPERATIVA_ES_JAVA_HOME"
}

run_maven() { # logname, args...
    local log="$RT/logs/maven-$1.log"; shift
    local opts="${MAVEN_OPTS:-}"
    # Maven 3.8's Guice pokes sun.misc.Unsafe; JDK 24+ warns about it on every run.
    [ "$(java_major_of "$ES_JAVA")" -ge 24 ] && opts="$opts --sun-misc-unsafe-memory-access=allow"
    if ! JAVA_HOME="$ES_JAVA" MAVEN_OPTS="$opts" mvn -B -ntp "$@" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        die "maven failed (full log: $log)"
    fi
}

# ---------------------------------------------------------------- node state

health_json() { curl -s --max-time 3 "$URL/_cluster/health" 2>/dev/null || true; }

json_field() { # field: read JSON on stdin
    python3 -c 'import json,sys
try: print(json.load(sys.stdin).get(sys.argv[1], ""))
except Exception: print("")' "$1"
}

running_pid() { # pid of our node, if alive
    local pid
    [ -f "$PIDFILE" ] || return 0
    pid="$(cat "$PIDFILE" 2>/dev/null || true)"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && printf '%s' "$pid"
    return 0
}

es_run() { # command... : run as the node's user, in the runtime dir, with the node's environment
    local user_cmd=()
    [ "$(id -u)" = 0 ] && user_cmd=(runuser -u "$ES_USER" --)
    (cd "$RT" && "${user_cmd[@]}" env ES_JAVA_HOME="$ES_JAVA" ES_PATH_CONF="$CONF" \
        ES_TMPDIR="$RT/tmp" ES_JAVA_OPTS="$JAVA_OPTS" "$@")
}

# ---------------------------------------------------------------- steps

ensure_user() {
    [ "$(id -u)" = 0 ] || return 0
    if ! id -u "$ES_USER" >/dev/null 2>&1; then
        say "creating system user $ES_USER"
        need_cmd useradd passwd
        useradd --system --user-group --no-create-home --home-dir "$RT" \
            --shell /usr/sbin/nologin "$ES_USER"
    fi
}

ensure_dirs() {
    mkdir -p "$RT" 2>/dev/null || true
    [ -d "$RT" ] && [ -w "$RT" ] || die "$RT is not writable by $(id -un); set KOOPERATIVA_ES_HOME"
    mkdir -p "$RT/logs" "$RT/data" "$RT/tmp" "$RT/download" "$RT/plugin" "$CONF"
}

ensure_distribution() {
    if [ -x "$DIST/bin/elasticsearch" ]; then
        return
    fi
    local zip="$RT/download/elasticsearch-$ES_VERSION.zip"
    if [ ! -s "$zip" ]; then
        say "downloading Elasticsearch $ES_VERSION ($DIST_ARTIFACT) with maven"
        (cd "$RT" && run_maven download -q "$DEP_PLUGIN:copy" -Dartifact="$DIST_ARTIFACT" \
            -DoutputDirectory="$RT/download" -Dmdep.overWriteReleases=true)
        [ -s "$zip" ] || die "download did not produce $zip"
    fi
    say "unpacking into $DIST"
    rm -rf "$RT/unpack"
    mkdir -p "$RT/unpack"
    unzip -q "$zip" -d "$RT/unpack"
    [ -x "$RT/unpack/elasticsearch-$ES_VERSION/bin/elasticsearch" ] || die "unexpected zip layout in $zip"
    mv "$RT/unpack/elasticsearch-$ES_VERSION" "$DIST"
    rmdir "$RT/unpack"
}

lucene_version() {
    local jar
    jar="$(ls "$DIST"/lib/lucene-core-*.jar 2>/dev/null | head -n 1)"
    [ -n "$jar" ] || die "no lucene-core jar in $DIST/lib"
    jar="${jar##*/lucene-core-}"
    printf '%s' "${jar%.jar}"
}

PLUGIN_ZIP="$PLUGIN_SRC/target/$PLUGIN_NAME-$PLUGIN_VERSION.zip"

ensure_plugin_built() {
    local lucene java_release=21 stale=0
    lucene="$(lucene_version)"
    [ "$(es_major)" -ge 9 ] || java_release=17
    if [ ! -f "$PLUGIN_ZIP" ]; then
        stale=1
    elif [ -n "$(find "$PLUGIN_SRC/src" "$PLUGIN_SRC/pom.xml" -newer "$PLUGIN_ZIP" -print -quit)" ]; then
        stale=1
    elif ! unzip -p "$PLUGIN_ZIP" stable-plugin-descriptor.properties |
        grep -qx "elasticsearch.version=$ES_VERSION"; then
        stale=1
    fi
    if [ "$stale" = 0 ]; then
        return
    fi
    say "building analysis plugin (Elasticsearch $ES_VERSION, Lucene $lucene)"
    (cd "$PLUGIN_SRC" && run_maven plugin -q clean package \
        -Des.version="$ES_VERSION" -Dlucene.version="$lucene" \
        -Des.java.version="$java_release" -Dmaven.compiler.release="$java_release")
    [ -f "$PLUGIN_ZIP" ] || die "plugin build did not produce $PLUGIN_ZIP"
    # every @NamedComponent must be listed in the hand-written named_components.json
    local name missing=""
    for name in $(sed -n 's/^@NamedComponent("\([^"]*\)").*/\1/p' "$PLUGIN_SRC"/src/main/java/kooperativa/testnode/analysis/*.java); do
        grep -q "\"$name\"" "$PLUGIN_SRC/src/main/plugin-metadata/named_components.json" || missing="$missing $name"
    done
    [ -z "$missing" ] || die "named_components.json lacks:$missing"
}

ensure_plugin_installed() {
    local sum installed=""
    sum="$(sha256sum "$PLUGIN_ZIP" | cut -d' ' -f1)"
    [ -f "$RT/plugin/installed.sha256" ] && installed="$(cat "$RT/plugin/installed.sha256")"
    if [ -d "$DIST/plugins/$PLUGIN_NAME" ] && [ "$installed" = "$sum" ]; then
        return
    fi
    say "installing plugin $PLUGIN_NAME"
    cp "$PLUGIN_ZIP" "$RT/plugin/$PLUGIN_NAME.zip"
    write_config
    own_runtime
    if [ -d "$DIST/plugins/$PLUGIN_NAME" ]; then
        es_run "$DIST/bin/elasticsearch-plugin" remove --purge "$PLUGIN_NAME" >"$RT/logs/plugin-install.log" 2>&1 ||
            rm -rf "$DIST/plugins/$PLUGIN_NAME"
    fi
    if ! es_run "$DIST/bin/elasticsearch-plugin" install --batch \
        "file://$RT/plugin/$PLUGIN_NAME.zip" >>"$RT/logs/plugin-install.log" 2>&1; then
        cat "$RT/logs/plugin-install.log" >&2
        die "plugin install failed"
    fi
    printf '%s\n' "$sum" >"$RT/plugin/installed.sha256"
}

discovery_config() {
    if [ -z "$SEED_HOSTS" ]; then
        printf 'discovery.type: single-node\n'
        return
    fi
    printf 'discovery.seed_hosts: [%s]\n' "$SEED_HOSTS"
    printf 'cluster.initial_master_nodes: [%s]\n' "$MASTER_NODES"
}

write_config() {
    cat >"$CONF/elasticsearch.yml" <<EOF
# Written by .ci/elasticsearch/node.sh on every start: edit the script, not this file.
cluster.name: $CLUSTER
node.name: $NODE_NAME
path.data: $RT/data
path.logs: $RT/logs
$(discovery_config)
network.host: 127.0.0.1
http.port: $PORT
transport.port: $TRANSPORT_PORT
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
EOF
    # the distribution's JVM options, with GC log / error files placed in the logs dir
    sed -e "s#file=gc.log#file=$RT/logs/gc.log#" \
        -e "s#-XX:ErrorFile=hs_err_pid%p.log#-XX:ErrorFile=$RT/logs/hs_err_pid%p.log#" \
        "$DIST/config/jvm.options" >"$CONF/jvm.options"
    printf -- '-XX:HeapDumpPath=%s\n' "$RT/logs" >>"$CONF/jvm.options"
    mkdir -p "$CONF/jvm.options.d"
    cp "$DIST/config/log4j2.properties" "$CONF/log4j2.properties"
    local f
    for f in roles.yml role_mapping.yml users users_roles; do
        [ -f "$CONF/$f" ] || cp "$DIST/config/$f" "$CONF/$f"
    done
}

own_runtime() {
    [ "$(id -u)" = 0 ] || return 0
    chown -R "$ES_USER:$ES_USER" "$RT"
}

wait_for_health() { # pid
    local pid="$1" deadline status
    deadline=$(( $(date +%s) + TIMEOUT ))
    while :; do
        status="$(health_json | json_field status)"
        case "$status" in
            green|yellow) return 0 ;;
        esac
        if ! kill -0 "$pid" 2>/dev/null; then
            say "the node exited during startup"
            return 1
        fi
        if [ "$(date +%s)" -ge "$deadline" ]; then
            say "no green/yellow health after ${TIMEOUT}s"
            return 1
        fi
        sleep 1
    done
}

show_failure() {
    say "---- $RT/logs/startup.out"
    tail -n 30 "$RT/logs/startup.out" 2>/dev/null || true
    say "---- $RT/logs/$CLUSTER.log"
    tail -n 60 "$RT/logs/$CLUSTER.log" 2>/dev/null || true
}

# ---------------------------------------------------------------- commands

cmd_start() {
    local t0 pid body
    t0=$(date +%s)
    if [ -n "$SEED_HOSTS" ] && [ -z "$MASTER_NODES" ]; then
        die "KOOPERATIVA_ES_MASTER_NODES is needed with KOOPERATIVA_ES_SEED_HOSTS"
    fi
    need_cmd curl
    need_cmd python3
    body="$(health_json)"
    if [ -n "$body" ]; then
        if [ "$(printf '%s' "$body" | json_field cluster_name)" = "$CLUSTER" ]; then
            say "already running at $URL: $(printf '%s' "$body" | json_field status)"
            return 0
        fi
        die "port $PORT answers but is not cluster $CLUSTER: $body"
    fi
    need_cmd unzip
    need_cmd mvn maven
    need_cmd runuser util-linux
    need_cmd flock util-linux
    need_cmd sha256sum coreutils
    pick_java
    ensure_user
    ensure_dirs
    exec 9>"$RT/.lock"
    flock 9
    # someone else may have started it while we waited for the lock
    if [ -n "$(health_json)" ]; then
        say "already running at $URL"
        return 0
    fi
    pid="$(running_pid)"
    if [ -n "$pid" ]; then
        say "process $pid from $PIDFILE is alive but not answering yet; waiting"
    else
        say "Elasticsearch $ES_VERSION, Java $(java_major_of "$ES_JAVA") ($ES_JAVA), runtime dir $RT, user $ES_USER"
        ensure_distribution
        ensure_plugin_built
        ensure_plugin_installed
        write_config
        : >"$RT/logs/startup.out"
        own_runtime
        rm -f "$PIDFILE"
        say "starting node ($JAVA_OPTS)"
        # fd 9 (the start lock) must not leak into the daemon
        if ! es_run "$DIST/bin/elasticsearch" -d -p "$PIDFILE" >"$RT/logs/startup.out" 2>&1 9>&-; then
            show_failure
            die "elasticsearch failed to start"
        fi
        pid="$(running_pid)"
        [ -n "$pid" ] || { show_failure; die "no live process in $PIDFILE"; }
    fi
    flock -u 9
    exec 9>&-
    if ! wait_for_health "$pid"; then
        show_failure
        die "node not healthy (log dir $RT/logs)"
    fi
    say "up at $URL (pid $pid, $(health_json | json_field status)) in $(( $(date +%s) - t0 ))s"
}

cmd_stop() {
    local pid body i
    pid="$(running_pid)"
    if [ -z "$pid" ]; then
        # no pid file (e.g. removed runtime dir): ask the node itself, if it is ours
        body="$(health_json)"
        if [ -n "$body" ] && [ "$(printf '%s' "$body" | json_field cluster_name)" = "$CLUSTER" ]; then
            pid="$(curl -s --max-time 3 "$URL/_nodes/_local/process?filter_path=nodes.*.process.id" |
                python3 -c 'import json,sys; print(next(iter(json.load(sys.stdin)["nodes"].values()))["process"]["id"])' 2>/dev/null || true)"
        fi
    fi
    if [ -z "$pid" ]; then
        say "not running"
        return 0
    fi
    say "stopping pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "still alive after 60s: SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$PIDFILE"
    say "stopped"
}

cmd_kill() {
    local pid
    pid="$(running_pid)"
    if [ -z "$pid" ]; then
        say "not running"
        return 0
    fi
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    rm -f "$PIDFILE"
    say "killed pid $pid"
}

cmd_empty() {
    cmd_stop
    rm -rf "$RT/data"
    say "emptied $RT/data"
}

cmd_check() { # can this machine start a node without installing anything?
    local tool missing=""
    for tool in curl python3 unzip mvn flock sha256sum; do
        command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
    done
    find_java || missing="$missing JDK>=$(java_needed)"
    if [ -n "$missing" ]; then
        say "cannot start a node here without installing:$missing"
        return 1
    fi
    say "can start Elasticsearch $ES_VERSION here (Java $(java_major_of "$ES_JAVA"), $ES_JAVA)"
}

cmd_status() {
    local body
    body="$(health_json)"
    if [ -z "$body" ]; then
        say "not running ($URL)"
        return 3
    fi
    say "running at $URL (pid $(running_pid)), runtime dir $RT"
    printf '%s\n' "$body"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart) cmd_stop; cmd_start ;;
    kill) cmd_kill ;;
    empty) cmd_empty ;;
    status) cmd_status ;;
    check) cmd_check ;;
    *) echo "usage: $0 start|stop|restart|kill|empty|status|check" >&2; exit 2 ;;
esac
