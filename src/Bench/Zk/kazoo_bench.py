"""The kazoo half of `scripts/bench zk`: the same reads as our client, against the same server.

Run with Debian's /usr/bin/python3 (python3-kazoo). Prints one JSON object on stdout.
Usage: kazoo_bench.py HOSTS PATH THROUGHPUT_READS LATENCY_READS WARMUP_READS SERVER_PID
"""
import json
import os
import sys
import time

from kazoo.client import KazooClient
from kazoo.exceptions import NodeExistsError


def main():
    hosts, path = sys.argv[1], sys.argv[2]
    throughput_reads, latency_reads, warmup_reads, server_pid = (int(arg) for arg in sys.argv[3:7])
    client = KazooClient(hosts=hosts, timeout=30)
    client.start(timeout=30)
    try:
        try:
            client.create(path, b"x" * 1024, makepath=True)
        except NodeExistsError:
            pass

        # Warm-up: pipelined and sequential, so both figures see warm code paths on both sides.
        for pending in [client.get_async(path) for _ in range(warmup_reads)]:
            pending.get()
        for _ in range(warmup_reads // 10):
            client.get(path)

        server_cpu = server_cpu_seconds(server_pid)
        client_cpu = time.process_time()
        started = time.perf_counter()
        pending = [client.get_async(path) for _ in range(throughput_reads)]
        for result in pending:
            data, _ = result.get()
            assert len(data) == 1024
        elapsed = time.perf_counter() - started
        client_cpu = time.process_time() - client_cpu
        server_cpu = server_cpu_seconds(server_pid) - server_cpu

        latencies = []
        for _ in range(latency_reads):
            begin = time.perf_counter_ns()
            client.get(path)
            latencies.append((time.perf_counter_ns() - begin) / 1000.0)
        latencies.sort()
    finally:
        client.stop()
        client.close()

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))]

    json.dump({
        "throughput": throughput_reads / elapsed,
        "p50_us": percentile(0.50),
        "p99_us": percentile(0.99),
        "client_cpu_us_per_read": client_cpu * 1e6 / throughput_reads,
        "server_cpu_us_per_read": server_cpu * 1e6 / throughput_reads,
    }, sys.stdout)


def server_cpu_seconds(pid):
    """utime + stime of the ZooKeeper server (fields 14 and 15 of /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
