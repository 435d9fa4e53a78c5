"""bench/compare: the same GetItem, PutItem and Query workloads, against the same null server,
with the same number of requests in flight, through dynaq, boto3, the AWS SDK for JavaScript
v3 and wrk (one pre-signed request replayed: the ceiling of this machine's loopback). Prints a
table of ops/s, CPU seconds per 10k ops, p99 and each client's ratio to dynaq and to wrk, and
writes it to OUT/results.md and OUT/results.json. Started by bench/compare/run, which installs
and builds what this needs.

On a machine with two or more cores the null server gets the last core to itself and every
client is pinned to the first one: each client has exactly one core, as the issue's target
("64 in flight on one I/O thread") means, and the server is never what is measured."""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

import workload as wl

HERE = os.path.dirname(os.path.abspath(__file__))


def cores():
    return os.cpu_count() or 1


def pinned(cmd, core):
    if cores() >= 2 and shutil.which("taskset"):
        return ["taskset", "-c", str(core)] + cmd
    return cmd


def run_measured(cmd, env=None, timeout=None):
    """Runs cmd to its end; returns (stdout, stderr, status, CPU seconds of the process)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        deadline = time.monotonic() + timeout if timeout else None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid == proc.pid:
                break
            if deadline and time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (out.read().decode(errors="replace"), err.read().decode(errors="replace"),
                proc.returncode, usage.ru_utime + usage.ru_stime)


def last_json_line(text):
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError("no JSON line in the output")


class NullServer:
    def __init__(self, binary, core):
        cmd = pinned([binary, "--threads", "1", "--item-size", str(wl.ITEM_SIZE),
                      "--query-items", str(wl.PAGE_SIZE)], core)
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True)
        line = self.proc.stdout.readline()
        match = re.match(r"listening on (http://\S+)", line)
        if not match:
            self.proc.kill()
            raise RuntimeError("dynaq-null-server did not start: %r" % line)
        self.url = match.group(1)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def signed_request_file(url, workload, directory):
    """Target, Authorization, X-Amz-Date and body of one request, signed by botocore when it is
    there (the null server checks no signature, but wrk should send what a client sends)."""
    operation, _ = wl.request(workload)
    body = wl.body(workload)
    target = "DynamoDB_20120810." + operation
    authorization = ("AWS4-HMAC-SHA256 Credential=dummy/20260101/us-east-1/dynamodb/aws4_request, "
                     "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64)
    amz_date = "20260101T000000Z"
    try:
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        request = AWSRequest(method="POST", url=url + "/", data=body, headers={
            "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": target})
        SigV4Auth(Credentials("dummy", "dummy"), "dynamodb", "us-east-1").add_auth(request)
        authorization = request.headers["Authorization"]
        amz_date = request.headers["X-Amz-Date"]
    except ImportError:
        pass
    path = os.path.join(directory, "wrk-%s.txt" % workload)
    with open(path, "w") as f:
        f.write("%s\n%s\n%s\n%s" % (target, authorization, amz_date, body))
    return path


class Runner:
    def __init__(self, args, server_url, workdir):
        self.args = args
        self.url = server_url
        self.workdir = workdir
        self.client_core = 0

    def dynaq(self, workload):
        cmd = [os.path.join(self.args.build, "bench/loadgen/dynaq-bench"), "--endpoint", self.url,
               "--workload", workload, "--concurrency", str(self.args.concurrency),
               "--connections", str(self.args.concurrency), "--threads", "1",
               "--duration", "%gs" % self.args.duration, "--page-size", str(wl.PAGE_SIZE),
               "--item-size", str(wl.ITEM_SIZE), "--attributes", str(wl.ATTRIBUTES),
               "--json", "--no-progress"]
        out, err, status, cpu = run_measured(pinned(cmd, self.client_core),
                                             timeout=self.args.duration * 3 + 30)
        if status != 0:
            raise RuntimeError("dynaq-bench failed (%d): %s" % (status, err.strip()[-500:]))
        report = last_json_line(out)
        return {"ok": report["ok"], "errors": report["errors"], "seconds": report["duration_s"],
                "cpu_s": cpu, "p99_ms": report["latency_us"]["p99"] / 1000.0}

    def boto3(self, workload, threads):
        cmd = [sys.executable, os.path.join(HERE, "boto3_client.py"), "--endpoint", self.url,
               "--workload", workload, "--threads", str(threads),
               "--duration", str(self.args.duration)]
        out, err, status, _ = run_measured(pinned(cmd, self.client_core),
                                           timeout=self.args.duration * 3 + 60)
        if status != 0:
            raise RuntimeError("boto3 client failed (%d): %s" % (status, err.strip()[-500:]))
        return last_json_line(out)

    def js(self, workload):
        cmd = ["node", os.path.join(HERE, "js_client.mjs"), "--endpoint", self.url,
               "--workload", workload, "--concurrency", str(self.args.concurrency),
               "--duration", str(self.args.duration), "--sdk-dir", self.args.sdk_dir,
               "--requests", os.path.join(self.workdir, "requests.json")]
        out, err, status, _ = run_measured(pinned(cmd, self.client_core),
                                           timeout=self.args.duration * 3 + 60)
        if status != 0:
            raise RuntimeError("JS SDK client failed (%d): %s" % (status, err.strip()[-500:]))
        return last_json_line(out)

    def wrk(self, workload):
        request_file = signed_request_file(self.url, workload, self.workdir)
        cmd = ["wrk", "-t1", "-c%d" % self.args.concurrency, "-d%ds" % round(self.args.duration),
               "-s", os.path.join(HERE, "wrk_request.lua"), self.url + "/"]
        env = dict(os.environ, WRK_REQUEST=request_file)
        out, err, status, cpu = run_measured(pinned(cmd, self.client_core), env=env,
                                             timeout=self.args.duration * 3 + 30)
        if status != 0:
            raise RuntimeError("wrk failed (%d): %s" % (status, err.strip()[-500:]))
        report = last_json_line(out)
        report["cpu_s"] = cpu
        return report


def available_clients(args):
    """[(name, description, how to run it or None, why not)]."""
    clients = [("dynaq", "dynaq-bench, 1 I/O thread", True, "")]
    try:
        import boto3  # noqa: F401
        have_boto3 = (True, "")
    except ImportError:
        have_boto3 = (False, "boto3 is not installed (pip install boto3)")
    clients.append(("boto3", "boto3, 1 thread", *have_boto3))
    clients.append(("boto3-pool", "boto3, %d threads" % args.concurrency, *have_boto3))
    sdk = os.path.join(args.sdk_dir, "node_modules", "@aws-sdk", "client-dynamodb")
    if not shutil.which("node"):
        clients.append(("js", "AWS SDK JS v3", False, "node is not installed"))
    elif not os.path.isdir(sdk):
        clients.append(("js", "AWS SDK JS v3", False,
                        "@aws-sdk/client-dynamodb is not in %s (tools/install-deps --compare)"
                        % args.sdk_dir))
    else:
        clients.append(("js", "AWS SDK JS v3, %d in flight" % args.concurrency, True, ""))
    if shutil.which("wrk"):
        clients.append(("wrk", "wrk, 1 thread (ceiling)", True, ""))
    else:
        clients.append(("wrk", "wrk", False, "wrk is not installed (tools/install-deps --compare)"))
    wanted = set(args.clients.split(","))
    return [c for c in clients if c[0] in wanted]


def machine_description():
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d cores, Linux %s, %s" % (model, cores(), platform.release(),
                                            datetime.date.today().isoformat())


def fmt(value, digits=0):
    if value is None:
        return "-"
    return "{:,.{}f}".format(value, digits)


def render(results, args, machine):
    lines = ["Machine: " + machine,
             "Null server: 1 thread%s; each client %s; %d requests in flight; %gs per run; "
             "items of %d bytes, Query pages of %d items."
             % (" on its own core" if cores() >= 2 else "",
                "pinned to one core" if cores() >= 2 else "unpinned",
                args.concurrency, args.duration, wl.ITEM_SIZE, wl.PAGE_SIZE), ""]
    header = ("| workload | client | ops/s | CPU s / 10k ops | p99 ms | x dynaq | of wrk | errors |")
    lines += [header, "|---|---|--:|--:|--:|--:|--:|--:|"]
    for workload in args.workloads.split(","):
        rows = [r for r in results if r["workload"] == workload]
        base = next((r["ops"] for r in rows if r["client"] == "dynaq" and r.get("ops")), None)
        ceiling = next((r["ops"] for r in rows if r["client"] == "wrk" and r.get("ops")), None)
        for r in rows:
            if "error" in r:
                lines.append("| %s | %s | %s | | | | | |" % (workload, r["description"],
                                                            "not run: " + r["error"]))
                continue
            lines.append("| %s | %s | %s | %s | %s | %s | %s | %d |" % (
                workload, r["description"], fmt(r["ops"]),
                fmt(r["cpu_per_10k"], 2), fmt(r["p99_ms"], 1),
                fmt(r["ops"] / base, 3) if base else "-",
                fmt(r["ops"] / ceiling, 2) if ceiling else "-", r["errors"]))
    lines += ["", "x dynaq: ops/s relative to dynaq (0.05 = dynaq is 20 times faster). "
              "of wrk: ops/s relative to wrk replaying one pre-signed request."]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", required=True, help="meson build dir with the bench targets")
    parser.add_argument("--sdk-dir", required=True, help="npm prefix with @aws-sdk/client-dynamodb")
    parser.add_argument("--out", required=True, help="where results.md and results.json go")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per run")
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--workloads", default="get,put,query")
    parser.add_argument("--clients", default="dynaq,boto3,boto3-pool,js,wrk")
    args = parser.parse_args()
    args.build = os.path.abspath(args.build)
    args.sdk_dir = os.path.abspath(args.sdk_dir)

    os.makedirs(args.out, exist_ok=True)
    machine = machine_description()
    server = NullServer(os.path.join(args.build, "bench/sink/dynaq-null-server"), cores() - 1)
    results = []
    try:
        with tempfile.TemporaryDirectory() as workdir:
            with open(os.path.join(workdir, "requests.json"), "w") as f:
                json.dump({w: dict(zip(("operation", "params"), wl.request(w)))
                           for w in ("get", "put", "query")}, f)
            runner = Runner(args, server.url, workdir)
            how = {"dynaq": runner.dynaq, "boto3": lambda w: runner.boto3(w, 1),
                   "boto3-pool": lambda w: runner.boto3(w, args.concurrency),
                   "js": runner.js, "wrk": runner.wrk}
            for workload in args.workloads.split(","):
                for name, description, usable, why_not in available_clients(args):
                    row = {"workload": workload, "client": name, "description": description}
                    print("[compare] %-5s %-28s" % (workload, description), end=" ", flush=True)
                    if not usable:
                        row["error"] = why_not
                        print("skipped: " + why_not)
                    else:
                        try:
                            report = how[name](workload)
                            ok = report["ok"]
                            row.update(ok=ok, errors=report["errors"], seconds=report["seconds"],
                                       ops=ok / report["seconds"] if report["seconds"] else 0,
                                       cpu_s=report.get("cpu_s"), p99_ms=report.get("p99_ms"))
                            row["cpu_per_10k"] = (report["cpu_s"] / ok * 10000
                                                  if ok and report.get("cpu_s") is not None
                                                  else None)
                            print("%10s ops/s" % fmt(row["ops"]))
                        except Exception as e:  # one client failing must not hide the others
                            row["error"] = str(e).splitlines()[0][:200]
                            print("FAILED: " + row["error"])
                    results.append(row)
    finally:
        server.stop()

    table = render(results, args, machine)
    print()
    print(table)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write(table + "\n")
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"machine": machine, "duration_s": args.duration,
                   "concurrency": args.concurrency, "results": results}, f, indent=1)
    failed = [r for r in results if "error" in r and r["client"] == "dynaq"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
