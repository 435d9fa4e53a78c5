"""boto3 side of bench/compare: runs one workload against the null server for a fixed time
and prints one JSON line: {"ok", "errors", "seconds", "cpu_s", "p99_ms"}.

    python3 boto3_client.py --endpoint URL --workload get --threads 64 --duration 10

--threads 1 is a plain loop; more threads share one client (boto3 clients are thread-safe)
with as many pooled connections, which is how Python services usually get concurrency."""

import argparse
import json
import resource
import threading
import time

import boto3
import botocore.config

import workload as wl


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--workload", required=True, choices=["get", "put", "query"])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--duration", type=float, default=10.0)
    args = parser.parse_args()

    client = boto3.client(
        "dynamodb",
        endpoint_url=args.endpoint,
        region_name="us-east-1",
        aws_access_key_id="dummy",
        aws_secret_access_key="dummy",
        config=botocore.config.Config(
            max_pool_connections=max(10, args.threads),
            retries={"max_attempts": 1, "mode": "standard"},
        ),
    )
    operation, params = wl.request(args.workload)
    call = {"GetItem": client.get_item, "PutItem": client.put_item, "Query": client.query}[operation]
    call(**params)  # connection, endpoint resolution and model loading stay out of the numbers

    latencies = [[] for _ in range(args.threads)]
    errors = [0] * args.threads
    start = time.perf_counter()
    end = start + args.duration

    def loop(slot):
        mine = latencies[slot]
        while True:
            t0 = time.perf_counter()
            if t0 >= end:
                return
            try:
                call(**params)
                mine.append(time.perf_counter() - t0)
            except Exception:  # counted, as dynaq-bench counts failed requests
                errors[slot] += 1

    cpu0 = cpu_seconds()
    threads = [threading.Thread(target=loop, args=(i,)) for i in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu0
    all_latencies = sorted(x for per_thread in latencies for x in per_thread)
    p99 = wl.percentile(all_latencies, 99)
    print(json.dumps({
        "ok": len(all_latencies),
        "errors": sum(errors),
        "seconds": seconds,
        "cpu_s": cpu,
        "p99_ms": p99 * 1000 if p99 is not None else None,
    }))


if __name__ == "__main__":
    main()
