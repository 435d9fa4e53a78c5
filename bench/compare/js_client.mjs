// AWS SDK for JavaScript v3 side of bench/compare: runs one workload against the null server
// with --concurrency requests in flight for a fixed time and prints one JSON line:
// {"ok", "errors", "seconds", "cpu_s", "p99_ms"}.
//
//   node js_client.mjs --endpoint URL --workload get --concurrency 64 --duration 10
//
// The SDK comes from the project-local folder that tools/install-deps --compare fills
// (NODE_PATH is not used by ES modules, so it is imported by path).
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i === -1) {
    if (fallback === undefined) throw new Error(`missing ${name}`);
    return fallback;
  }
  return process.argv[i + 1];
}

const endpoint = option("--endpoint");
const workload = option("--workload");
const concurrency = Number(option("--concurrency", "64"));
const duration = Number(option("--duration", "10")) * 1000;
const sdkDir = option("--sdk-dir");

const require = createRequire(path.join(sdkDir, "package.json"));
const { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } = require("@aws-sdk/client-dynamodb");
const { NodeHttpHandler } = require("@smithy/node-http-handler");

// The request bodies come from workload.py, so that both languages send the same thing.
const here = path.dirname(fileURLToPath(import.meta.url));
const requests = JSON.parse(readFileSync(option("--requests", path.join(here, "requests.json")), "utf8"));
const { operation, params } = requests[workload];
const Command = { GetItem: GetItemCommand, PutItem: PutItemCommand, Query: QueryCommand }[operation];

const client = new DynamoDBClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "dummy", secretAccessKey: "dummy" },
  maxAttempts: 1,
  requestHandler: new NodeHttpHandler({
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: concurrency }),
  }),
});

await client.send(new Command(params)); // connection set-up stays out of the numbers

const latencies = [];
let errors = 0;
const start = performance.now();
const end = start + duration;
const cpu0 = process.cpuUsage();

async function loop() {
  for (;;) {
    const t0 = performance.now();
    if (t0 >= end) return;
    try {
      await client.send(new Command(params));
      latencies.push(performance.now() - t0);
    } catch {
      errors += 1;
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, loop));
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpu0);
latencies.sort((a, b) => a - b);
const p99 = latencies.length
  ? latencies[Math.min(latencies.length - 1, Math.round(0.99 * (latencies.length - 1)))]
  : null;
console.log(JSON.stringify({
  ok: latencies.length,
  errors,
  seconds,
  cpu_s: (cpu.user + cpu.system) / 1e6,
  p99_ms: p99,
}));
client.destroy();
