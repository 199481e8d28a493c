#!/usr/bin/env bash
# Issue #7: HTTP forward-auth throughput of Tessera's data-plane listener (Netty) against
# (b) nginx answering a static 200 (the ceiling) and (c) nginx + Lua checking the developer-token
# header against Redis with an in-worker LRU cache, the way Kong's key-auth plugin works.
# Also measures Tessera's main port (Spring MVC) for reference.
#
#   sudo benchmarks/http.sh              # from the repository root; installs its Debian packages
#   DURATION=30 CONNECTIONS=64 benchmarks/http.sh
#   MODES=unpinned THREADS=2 CONNECTIONS=64 DURATION=15 WARMUP=5 benchmarks/http.sh   # issue 18's harness
#   CLUSTER=1 SPRING=0 benchmarks/http.sh   # issue 11: also a node of a three-node cluster on PostgreSQL
#   KINDS=unknown benchmarks/http.sh        # a different unknown token on every request
#
# Kinds of token ($KINDS): "valid" (the provisioned token), "invalid" (one well-formed unknown token,
# repeated: a misconfigured client), "unknown" (a different well-formed unknown token on every
# request, drawn by a wrk script: a client guessing or spraying tokens, which key-auth's cache cannot
# answer, so it asks Redis every time).
#
# Each round runs every target once, back to back, every other round in the reverse order. The summary
# gives each target's median and spread, and each ratio twice: of the medians, and as the median of
# the ratios within a round (which cancels the machine's slower and faster minutes). Beside requests
# per second it gives the server's CPU time per request (user + system of its processes, from
# /proc/<pid>/stat): on loopback the kernel's TCP work dominates both sides, and this figure shows what
# each server adds to it with less noise than the throughput.
#
# Every server and wrk start from this one script, so they share a session: the kernel shares CPU
# time among sessions first (sched_autogroup), and a server started with a session of its own would
# get a larger share than the others.
#
# Loopback only (127.0.0.1). Everything it starts, it stops (trap), and the whole run is bounded
# by a timeout. CPUs, per mode of $MODES: "pinned" (on a machine with >= 2 CPUs every server runs on
# CPU $SERVER_CPUS (taskset) and wrk on CPU $WRK_CPUS), then "unpinned" (servers and wrk on all CPUs,
# as the scheduler likes), with the same threads, connections and duration for all. nginx keeps one
# worker when unpinned: with a worker per CPU (Kong's default), beside wrk on the same two CPUs, key-auth
# served a fifth fewer valid requests here (91k against 115k req/s, runs/http-20261203-0206-smoke-*
# and runs/http-20261203-0211-smoke-*), so one worker is the stronger peer on this machine. Tessera
# starts on CPU $SERVER_CPUS, so its JVM sizes itself for one CPU and its listener runs one event loop,
# as nginx runs one worker, in both modes. On its own start across both CPUs it would run two: more
# requests per second beside wrk here, but twice the p99 (runs/http-20261203-0247-unpinned-event-loops.txt).
#
# CLUSTER=1 (issue 11) adds a target: the data plane of node 1 of three Tessera nodes on one
# PostgreSQL (Debian's server, in this run's temporary directory), with the cluster machinery live:
# the lease renewed against the database, the change feed's follower, two more nodes. It is measured in
# the same rounds as the single node (H2), so the two can be compared. While one Tessera is measured
# the other's JVMs are stopped (SIGSTOP), so neither measurement pays for the other's idle work; a
# thawed node renews its lease before its warm-up.
set -euo pipefail

if [[ -z "${HTTP_SH_BOUNDED:-}" ]]; then
    export HTTP_SH_BOUNDED=1
    exec timeout --kill-after=15 "${TIME_LIMIT:-2400}" "$0" "$@"
fi

cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}          # seconds of load before each measured run
JIT_WARMUP=${JIT_WARMUP:-20} # seconds of load on Tessera before round 1 (half valid, half invalid tokens)
ROUNDS=${ROUNDS:-5}          # every target once per round, interleaved; the table shows medians and spread
MODES=${MODES:-pinned unpinned}
PINNED=1
SPRING=${SPRING:-1}          # also load Tessera's main port (Spring MVC), for reference
CLUSTER=${CLUSTER:-0}        # also a node of a three-node cluster on PostgreSQL (issue 11)
KINDS=${KINDS:-valid invalid}
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-32}
SERVER_CPUS=${SERVER_CPUS:-0}
WRK_CPUS=${WRK_CPUS:-1}
JAVA_BIN=${JAVA_BIN:-java}
# A data plane's live set is small (the index, ~150 B per token). Before issue 18 it allocated ~1 KB
# per request (Netty's request decoding), which this fixed heap with a large young generation made
# cheaper: with 512 MB and the default young size (~170 MB), ~110k req/s and p99 0.74-0.88 ms on
# invalid tokens, against ~132k req/s and 0.56-0.58 ms (runs/http-20261126-0613-jvm-opts.txt). The
# listener now allocates nothing per request (RESULTS.md, ListenerBenchmark); the setting is kept so
# that runs stay comparable.
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g -Xmn640m}
PORT_MAIN=18080 PORT_DATA=18081 PORT_STATIC=18090 PORT_KEYAUTH=18091 PORT_REDIS=16379
PORT_PG=15432 # and, with CLUSTER=1, nodes n = 1..3 on 1818n (main) and 1819n (data plane)

WORK=$(mktemp -d /tmp/tessera-http-bench.XXXXXX)
PIDS=()
cleanup() {
    ((${#PIDS[@]})) && kill -CONT "${PIDS[@]}" 2>/dev/null || true # a stopped process cannot stop
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for _ in $(seq 1 50); do # up to 10 s for a graceful stop
        alive=0
        for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        ((alive)) || break
        sleep 0.2
    done
    for pid in "${PIDS[@]}"; do
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

log() { echo "== $*" >&2; }

# --- packages -----------------------------------------------------------------------------------
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx-light)
[[ -f /usr/lib/nginx/modules/ngx_http_lua_module.so ]] || need+=(libnginx-mod-http-lua)
[[ -f /usr/share/lua/5.1/resty/core.lua ]] || need+=(lua-resty-core)
[[ -f /usr/share/lua/5.1/resty/lrucache.lua ]] || need+=(lua-resty-lrucache)
command -v redis-server >/dev/null || need+=(redis-server)
command -v redis-cli >/dev/null || need+=(redis-tools)
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [[ $CLUSTER == 1 && -z "$(pg_bin)" ]]; then need+=(postgresql); fi
if ((${#need[@]})); then
    log "installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

pin() { # pin <cpus> <command...>: runs it in the foreground on those CPUs
    local cpus=$1; shift
    if [[ $PINNED == 1 && $(nproc) -ge 2 ]] && command -v taskset >/dev/null; then taskset -c "$cpus" "$@"; else "$@"; fi
}
unpin_all() { # lets every server (and the processes it forked) run on every CPU
    command -v taskset >/dev/null || return 0
    for pid in "${PIDS[@]}"; do
        for p in $pid $(pgrep -P "$pid" || true); do
            taskset -a -p -c "0-$(($(nproc) - 1))" "$p" >/dev/null 2>&1 || true
        done
    done
}
start() { # start <cpus> <command...>: runs it in the background on those CPUs and remembers its pid
    local cpus=$1; shift
    if [[ $(nproc) -ge 2 ]] && command -v taskset >/dev/null; then taskset -c "$cpus" "$@" & else "$@" & fi
    PIDS+=($!)
}
for port in 18080 18081 18090 18091 16379 15432 18181 18182 18183 18191 18192 18193; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "Port $port is in use; stop what listens there first." >&2
        exit 1
    fi
done

wait_port() {
    for _ in $(seq 1 300); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.2
    done
    echo "nothing listens on $1" >&2
    return 1
}

# --- (a) Tessera, the packaged jar -------------------------------------------------------------
JAR=$(ls "$ROOT"/server/target/tessera-*-exec.jar 2>/dev/null | head -1 || true)
if [[ -z "$JAR" || "${REBUILD:-0}" == 1 || -n "$(find server/src/main server/pom.xml pom.xml -newer "$JAR" -type f | head -1)" ]]; then
    log "packaging Tessera (mvn -B -q -pl server -am -DskipTests package)"
    mvn -B -q -pl server -am -DskipTests package >&2
    JAR=$(ls "$ROOT"/server/target/tessera-*-exec.jar | head -1)
fi
log "starting $JAR on 127.0.0.1:$PORT_MAIN, data plane on 127.0.0.1:$PORT_DATA (CPU $SERVER_CPUS)"
ADMIN=admin@bench.test ADMIN_PASSWORD=bench-password-123
start "$SERVER_CPUS" "$JAVA_BIN" $JAVA_OPTS -jar "$JAR" \
    --server.address=127.0.0.1 --server.port=$PORT_MAIN \
    --tessera.data-plane-address=127.0.0.1 --tessera.data-plane-port=$PORT_DATA \
    --tessera.data-dir="$WORK/data" --tessera.admin-email=$ADMIN --tessera.admin-password=$ADMIN_PASSWORD \
    >"$WORK/tessera.log" 2>&1
SINGLE_PIDS=("${PIDS[-1]}")
wait_port $PORT_MAIN
wait_port $PORT_DATA

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
# provision <main port>: an owner, a manager account at BASIC then STANDARD access and its token; prints the token
provision() {
    local api="http://127.0.0.1:$1/api/v1" customer token level application
    curl -fsS -u "$ADMIN:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
        -d '{"email":"owner@bench.test","password":"owner-password-123"}' "$api/users" >/dev/null
    customer=$(curl -fsS -u owner@bench.test:owner-password-123 -H 'Content-Type: application/json' \
        -d '{"name":"Bench MCC","companyName":"Bench Ltd","companyUrl":"https://bench.example","apiContactEmail":"api@bench.example"}' \
        "$api/manager-accounts" | json_field customerId)
    token=$(curl -fsS -u owner@bench.test:owner-password-123 -X POST "$api/manager-accounts/$customer/developer-token" | json_field developerToken)
    # STANDARD access has no daily operation limit: the load measures the check, not the quota.
    for level in BASIC STANDARD; do
        application=$(curl -fsS -u owner@bench.test:owner-password-123 -H 'Content-Type: application/json' \
            -d "{\"requestedLevel\":\"$level\",\"useCase\":\"benchmark\",\"expectedDailyOperations\":100000000,\"companyUrl\":\"https://bench.example\"}" \
            "$api/manager-accounts/$customer/access-applications" | json_field id)
        curl -fsS -u "$ADMIN:$ADMIN_PASSWORD" -H 'Content-Type: application/json' -d '{"reason":"benchmark"}' \
            "$api/access-applications/$application:approve" >/dev/null
    done
    echo "$customer $token"
}
read -r CUSTOMER TOKEN < <(provision $PORT_MAIN)
INVALID=AAAAAAAAAAAAAAAAAAAAAA
check=$(curl -s -o /dev/null -w '%{http_code}' -H "developer-token: $TOKEN" "http://127.0.0.1:$PORT_DATA/v1/forward-auth")
[[ $check == 200 ]] || { echo "Tessera refused its own token ($check)" >&2; exit 1; }

# --- (a') with CLUSTER=1: three Tessera nodes on one PostgreSQL --------------------------------------
CLUSTER_PIDS=()
if [[ $CLUSTER == 1 ]]; then
    PG=$(pg_bin)
    AS_POSTGRES=() # PostgreSQL refuses to run as root
    [[ $(id -u) == 0 ]] && AS_POSTGRES=(setpriv --reuid=postgres --regid=postgres --clear-groups)
    chmod 711 "$WORK"
    mkdir -p "$WORK/pg"
    [[ $(id -u) == 0 ]] && chown postgres "$WORK/pg"
    log "starting PostgreSQL ($PG) on 127.0.0.1:$PORT_PG and three Tessera nodes on it (CPU $SERVER_CPUS)"
    "${AS_POSTGRES[@]}" "$PG/initdb" -D "$WORK/pg/data" -U tessera --auth=trust -E UTF8 >"$WORK/pg/initdb.log" 2>&1
    start "$SERVER_CPUS" "${AS_POSTGRES[@]}" "$PG/postgres" -D "$WORK/pg/data" -p $PORT_PG -k "$WORK/pg" \
        -c listen_addresses=127.0.0.1 -c max_connections=100 >"$WORK/pg/postgres.log" 2>&1
    wait_port $PORT_PG
    "$PG/createdb" -h 127.0.0.1 -p $PORT_PG -U tessera tessera
    PEPPER=$(head -c 32 /dev/urandom | base64)
    for n in 1 2 3; do
        opts=$JAVA_OPTS
        ((n == 1)) || opts="-Xmx256m" # the measured node has the single node's heap; the others only follow
        start "$SERVER_CPUS" env TESSERA_TOKEN_PEPPER="$PEPPER" "$JAVA_BIN" $opts -jar "$JAR" \
            --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PORT_PG/tessera" --spring.datasource.username=tessera \
            --server.address=127.0.0.1 --server.port=1818$n \
            --tessera.data-plane-address=127.0.0.1 --tessera.data-plane-port=1819$n \
            --tessera.cluster.node-name=node-$n --tessera.data-dir="$WORK/node-$n" \
            --tessera.admin-email=$ADMIN --tessera.admin-password=$ADMIN_PASSWORD >"$WORK/node-$n.log" 2>&1
        CLUSTER_PIDS+=("${PIDS[-1]}")
        wait_port 1818$n # one at a time: the first creates the schema
        wait_port 1819$n
    done
    read -r _ CLUSTER_TOKEN < <(provision 18181)
    for n in 1 2 3; do
        check=$(curl -s -o /dev/null -w '%{http_code}' -H "developer-token: $CLUSTER_TOKEN" "http://127.0.0.1:1819$n/v1/forward-auth")
        [[ $check == 200 ]] || { echo "cluster node $n refused the token issued through node 1 ($check)" >&2; exit 1; }
    done
fi

# only <group>: lets that Tessera run and stops the other's JVMs (CLUSTER=1; "none" stops both)
only() {
    [[ $CLUSTER == 1 ]] || return 0
    local go=() halt=()
    case $1 in
        single) go=("${SINGLE_PIDS[@]}") halt=("${CLUSTER_PIDS[@]}") ;;
        cluster) go=("${CLUSTER_PIDS[@]}") halt=("${SINGLE_PIDS[@]}") ;;
        none) halt=("${SINGLE_PIDS[@]}" "${CLUSTER_PIDS[@]}") ;;
    esac
    ((${#halt[@]})) && kill -STOP "${halt[@]}"
    ((${#go[@]})) || return 0
    kill -CONT "${go[@]}"
    local port=$PORT_DATA token=$TOKEN
    [[ $1 == cluster ]] && port=18191 token=$CLUSTER_TOKEN
    for _ in $(seq 1 100); do # a thawed node renews its lease first: up to 10 s
        [[ $(curl -s -o /dev/null -w '%{http_code}' -H "developer-token: $token" "http://127.0.0.1:$port/v1/forward-auth") == 200 ]] && return 0
        sleep 0.1
    done
    echo "Tessera ($1) did not serve again after it was thawed" >&2
    exit 1
}

# --- (b) nginx static 200, (c) nginx + Lua + Redis key-auth --------------------------------------
log "starting redis-server on 127.0.0.1:$PORT_REDIS and nginx on $PORT_STATIC (static) and $PORT_KEYAUTH (key-auth)"
start "$SERVER_CPUS" redis-server --bind 127.0.0.1 --port $PORT_REDIS --save '' --appendonly no --daemonize no \
    --dir "$WORK" >"$WORK/redis.log" 2>&1
REDIS_PID=${PIDS[-1]}
wait_port $PORT_REDIS
# Kong stores a consumer per key; here the key's value is what the proxy needs to forward.
redis-cli -p $PORT_REDIS SET "key:$TOKEN" "$CUSTOMER TEST_ACCOUNT" >/dev/null

ERROR_BODY='{"error":{"code":401,"message":"The developer token is not valid.","status":"UNAUTHENTICATED","details":[{"@type":"type.googleapis.com/google.ads.googleads.v23.errors.GoogleAdsFailure","errors":[{"errorCode":{"authenticationError":"DEVELOPER_TOKEN_INVALID"},"message":"The developer token is not valid."}],"requestId":"0123456789abcdefghijkl"}]}}'
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<CONF
load_module /usr/lib/nginx/modules/ndk_http_module.so;
load_module /usr/lib/nginx/modules/ngx_http_lua_module.so;
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    lua_package_path "/usr/share/lua/5.1/?.lua;;";
    init_worker_by_lua_block {
        keys = require("resty.lrucache").new(100000)
    }
    server {
        listen 127.0.0.1:$PORT_STATIC;
        location = /v1/forward-auth { return 200; }
    }
    server {
        listen 127.0.0.1:$PORT_KEYAUTH;
        location = /v1/forward-auth {
            content_by_lua_block {
                local key = ngx.var.http_developer_token
                if not key or key == "" then
                    ngx.status = 400
                    return ngx.exit(400)
                end
                -- Kong key-auth: an in-worker cache in front of the store, misses cached too, with a TTL.
                local value = keys:get(key)
                if value == nil then
                    local redis = ngx.socket.tcp()
                    redis:settimeout(1000)
                    assert(redis:connect("127.0.0.1", $PORT_REDIS))
                    local k = "key:" .. key
                    assert(redis:send("*2\r\n\$3\r\nGET\r\n\$" .. #k .. "\r\n" .. k .. "\r\n"))
                    local line = assert(redis:receive("*l"))
                    if line == "\$-1" then
                        value = false
                    else
                        value = assert(redis:receive(tonumber(line:sub(2))))
                        redis:receive(2)
                    end
                    redis:setkeepalive(10000, 32)
                    keys:set(key, value, 5)
                end
                if value then
                    local customer, level = value:match("(%S+) (%S+)")
                    ngx.header["Tessera-Manager-Customer-Id"] = customer
                    ngx.header["Tessera-Access-Level"] = level
                    return ngx.exit(200)
                end
                ngx.status = 401
                ngx.header["Content-Type"] = "application/json"
                ngx.header["request-id"] = "0123456789abcdefghijkl"
                ngx.print('$ERROR_BODY')
                return ngx.exit(401)
            }
        }
    }
}
CONF
start "$SERVER_CPUS" nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx/stdout.log" 2>&1
NGINX_PID=${PIDS[-1]}
wait_port $PORT_STATIC
wait_port $PORT_KEYAUTH
for port in $PORT_KEYAUTH; do
    [[ $(curl -s -o /dev/null -w '%{http_code}' -H "developer-token: $TOKEN" "http://127.0.0.1:$port/v1/forward-auth") == 200 ]] \
        || { echo "key-auth refused the token" >&2; cat "$WORK/nginx/error.log" >&2; exit 1; }
    [[ $(curl -s -o /dev/null -w '%{http_code}' -H "developer-token: $INVALID" "http://127.0.0.1:$port/v1/forward-auth") == 401 ]] \
        || { echo "key-auth accepted an invalid token" >&2; exit 1; }
done
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "developer-token: $INVALID" "http://127.0.0.1:$PORT_DATA/v1/forward-auth") == 401 ]]

# --- load ----------------------------------------------------------------------------------------
# run <name> <port> <token>: warm-up, then the measured run; prints "name rps p50 p99"
to_us() { # wrk latency like 123.45us / 1.20ms / 2.00s -> microseconds
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) print n; else if (v ~ /ms$/) print n * 1000; else if (v ~ /s$/) print n * 1000000; else print n }'
}
cat >"$WORK/unknown.lua" <<'LUA'
-- A different well-formed unknown token on every request: 21 random characters of the token
-- alphabet and a last one of "AQgw" (the last character carries two bits).
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local last = "AQgw"
local chars = {}
function init(args)
    math.randomseed(os.time() + tonumber(tostring(chars):match("0x(%x+)") or "0", 16) % 100000)
end
function request()
    for i = 1, 21 do
        local n = math.random(1, 64)
        chars[i] = alphabet:sub(n, n)
    end
    local n = math.random(1, 4)
    chars[22] = last:sub(n, n)
    return wrk.format(nil, nil, { ["developer-token"] = table.concat(chars) })
end
LUA
UNKNOWN=unknown # the token argument of run that draws a new token per request
# cpu_ticks <pid...>: CPU time (user + system, clock ticks) of these processes and their children so far
cpu_ticks() {
    local total=0 pid
    for pid in "$@" $(for p in "$@"; do pgrep -P "$p" || true; done); do
        [[ -r /proc/$pid/stat ]] || continue
        total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
    done
    echo "$total"
}
# reaped_ticks <pid>: CPU time (user + system, clock ticks) of the children that shell has waited for:
# wrk's, once its run is over
reaped_ticks() { awk '{ print $16 + $17 }' "/proc/$1/stat"; }
# run <name> <port> <token> <server pid...>: prints "round name rps p50 p99 cpu wrk_cpu", cpu being the
# server's CPU time (user + system, its processes and their children: nginx's workers, key-auth's Redis)
# per request, in µs, and wrk_cpu wrk's own
run() {
    local name=$1 port=$2 token=$3 out
    shift 3
    local url="http://127.0.0.1:$port/v1/forward-auth"
    local how=(-H "developer-token: $token")
    [[ $token == "$UNKNOWN" ]] && how=(-s "$WORK/unknown.lua")
    pin "$WRK_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${how[@]}" "$url" >/dev/null
    local ticks_before ticks_after wrk_before wrk_after shell=$BASHPID
    ticks_before=$(cpu_ticks "$@")
    wrk_before=$(reaped_ticks $shell)
    out=$(pin "$WRK_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${how[@]}" "$url")
    wrk_after=$(reaped_ticks $shell)
    ticks_after=$(cpu_ticks "$@")
    echo "$out" >"$WORK/wrk-${name//\//-}.txt"
    if echo "$out" | grep -q "Non-2xx"; then
        [[ $token == "$INVALID" || $token == "$UNKNOWN" ]] || { echo "$name answered errors to a valid token:" >&2; echo "$out" >&2; exit 1; }
    fi
    local rps p50 p99
    rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
    p50=$(to_us "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
    p99=$(to_us "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
    local requests cpu wrk_cpu
    requests=$(echo "$out" | awk '/requests in/ { print $1 }')
    per_request() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.2f", t / hz * 1e6 / n }'; }
    cpu=$(per_request $((ticks_after - ticks_before)))
    wrk_cpu=$(per_request $((wrk_after - wrk_before)))
    echo "$round $name $rps $p50 $p99 $cpu $wrk_cpu"
}

# The JVM is measured warm, as a long-running data plane runs: its JIT compiles the hot paths in
# the first seconds of load (invalid tokens, 8 s runs from a cold start here: p99 5.0, 2.0, then
# 0.8 ms; young GC pauses also fall from ~3.5 to ~1.6 ms over the first minute).
log "warming Tessera up: ${JIT_WARMUP}s of load"
pin "$WRK_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((JIT_WARMUP / 2 + 1))s" -H "developer-token: $TOKEN" \
    "http://127.0.0.1:$PORT_DATA/v1/forward-auth" >/dev/null
pin "$WRK_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((JIT_WARMUP / 2 + 1))s" -H "developer-token: $INVALID" \
    "http://127.0.0.1:$PORT_DATA/v1/forward-auth" >/dev/null
if [[ $CLUSTER == 1 ]]; then
    only cluster
    pin "$WRK_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((JIT_WARMUP / 2 + 1))s" -H "developer-token: $CLUSTER_TOKEN" \
        "http://127.0.0.1:18191/v1/forward-auth" >/dev/null
    pin "$WRK_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((JIT_WARMUP / 2 + 1))s" -H "developer-token: $INVALID" \
        "http://127.0.0.1:18191/v1/forward-auth" >/dev/null
fi

RESULTS=$WORK/results.txt
: >"$RESULTS"
for mode in $MODES; do
    if [[ $mode == unpinned ]]; then
        PINNED=0
        unpin_all
        log "$ROUNDS rounds of wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s (after ${WARMUP}s warm-up) per target; unpinned"
    else
        log "$ROUNDS rounds of wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s (after ${WARMUP}s warm-up) per target; servers on CPU $SERVER_CPUS, wrk on CPU $WRK_CPUS"
    fi
    for round in $(seq 1 "$ROUNDS"); do
        for kind in $KINDS; do
            token=$TOKEN
            [[ $kind == invalid ]] && token=$INVALID
            [[ $kind == unknown ]] && token=$UNKNOWN
            targets=(single)
            [[ $SPRING == 1 ]] && targets+=(spring)
            [[ $CLUSTER == 1 ]] && targets+=(cluster)
            targets+=(static keyauth)
            # every other round in the reverse order, so that no target always follows the same one
            if ((round % 2 == 0)); then
                for ((i = 0, j = ${#targets[@]} - 1; i < j; i++, j--)); do
                    t=${targets[i]} targets[i]=${targets[j]} targets[j]=$t
                done
            fi
            for target in "${targets[@]}"; do
                case $target in
                    single) only single; run "$mode/tessera-netty/$kind" $PORT_DATA "$token" "${SINGLE_PIDS[@]}" ;;
                    spring) only single; run "$mode/tessera-spring-main-port/$kind" $PORT_MAIN "$token" "${SINGLE_PIDS[@]}" ;;
                    cluster)
                        only cluster
                        cluster_token=$CLUSTER_TOKEN
                        [[ $kind == valid ]] || cluster_token=$token
                        run "$mode/tessera-netty-cluster3/$kind" 18191 "$cluster_token" "${CLUSTER_PIDS[0]}" ;;
                    static) only none; run "$mode/nginx-static/$kind" $PORT_STATIC "$token" "$NGINX_PID" ;;
                    keyauth) only none; run "$mode/nginx-lua-redis-keyauth/$kind" $PORT_KEYAUTH "$token" "$NGINX_PID" "$REDIS_PID" ;;
                esac
            done >>"$RESULTS"
        done
        log "$mode round $round done: $(tail -n +1 "$RESULTS" | wc -l) runs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    done
done
cp "$RESULTS" "${RESULTS_COPY:-/dev/null}" 2>/dev/null || true

echo
echo "HTTP GET /v1/forward-auth, loopback, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, median of $ROUNDS rounds; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs; $("$JAVA_BIN" -version 2>&1 | head -1)"
python3 - "$RESULTS" <<'PY'
import statistics, sys
runs, by_round = {}, {}
for line in open(sys.argv[1]):
    round_, name, rps, p50, p99, cpu, wrk_cpu = line.split()
    runs.setdefault(name, []).append((float(rps), float(p50), float(p99), float(cpu), float(wrk_cpu)))
    by_round.setdefault(name, {})[round_] = float(rps)
med = statistics.median
rows = {name: tuple(med(r[i] for r in rs) for i in range(5)) for name, rs in runs.items()}
print(f"| {'target':47} | {'median req/s':>12} | {'spread':>6} | {'p50 µs':>8} | {'p99 µs':>8} | {'CPU µs/req':>10} | {'wrk µs/req':>10} | {'req/s of each round':>40} | {'p99 µs of each round':>34} |")
print(f"|{'-'*49}|{'-'*13}:|{'-'*7}:|{'-'*9}:|{'-'*9}:|{'-'*11}:|{'-'*11}:|{'-'*41}:|{'-'*35}:|")
for name, (rps, p50, p99, cpu, wrk_cpu) in rows.items():
    each = " ".join(f"{r[0]:.0f}" for r in runs[name])
    each_p99 = " ".join(f"{r[2]:.0f}" for r in runs[name])
    spread = (max(r[0] for r in runs[name]) - min(r[0] for r in runs[name])) / rps * 100 if rps else 0
    print(f"| {name:47} | {rps:12.0f} | {spread:5.0f}% | {p50:8.0f} | {p99:8.0f} | {cpu:10.2f} | {wrk_cpu:10.2f} | {each:>40} | {each_p99:>34} |")
print()
print("Ratios: of the medians, then the median of the ratios within each round (targets of a round run back to back) with their range.")
print("CPU µs/req: the server's own processes (Tessera's JVM; nginx with its workers; key-auth's Redis too), user + system;")
print("wrk µs/req: the load generator's, which shares the CPUs with the server when unpinned.")
def paired(a, b):
    ratios = sorted(by_round[a][r] / by_round[b][r] for r in by_round[a] if r in by_round[b])
    return f"{med(ratios):.2f}x ({ratios[0]:.2f}-{ratios[-1]:.2f})"
for mode in dict.fromkeys(name.split("/")[0] for name in rows):
    for kind in ("valid", "invalid", "unknown"):
        tn, cn, kn = (f"{mode}/{t}/{kind}" for t in ("tessera-netty", "nginx-static", "nginx-lua-redis-keyauth"))
        if tn not in rows:
            continue
        t, c, k = rows[tn], rows[cn], rows[kn]
        s = rows.get(f"{mode}/tessera-spring-main-port/{kind}")
        cl = rows.get(f"{mode}/tessera-netty-cluster3/{kind}")
        spring = f"; Spring main port/ceiling = {s[0]/c[0]:.2f}x" if s else ""
        print(f"{mode:8} {kind:7} token, medians: Tessera/ceiling = {t[0]/c[0]:.2f}x, Tessera/key-auth = {t[0]/k[0]:.2f}x; "
              f"paired: Tessera/ceiling = {paired(tn, cn)}, Tessera/key-auth = {paired(tn, kn)}; "
              f"p50 Tessera {t[1]:.0f} µs vs key-auth {k[1]:.0f} µs, p99 Tessera {t[2]:.0f} µs vs key-auth {k[2]:.0f} µs; "
              f"CPU per request Tessera {t[3]:.2f} µs, static nginx {c[3]:.2f} µs, key-auth {k[3]:.2f} µs{spring}")
        if cl:
            print(f"{mode:8} {kind:7} token, medians: three-node cluster / single node = {cl[0]/t[0]:.3f}x req/s, "
                  f"p50 {cl[1]:.0f} vs {t[1]:.0f} µs, p99 {cl[2]:.0f} vs {t[2]:.0f} µs")
PY
