-- wrk side of bench/compare: replays one pre-signed DynamoDB request (method, headers and
-- body written by compare.py into the file named by WRK_REQUEST) and reports the requests,
-- the failed ones (connection errors and answers other than 2xx/3xx) and the p99 as one JSON
-- line at the end.
local file = assert(io.open(os.getenv("WRK_REQUEST"), "r"))
local target = file:read("*l")
local authorization = file:read("*l")
local amz_date = file:read("*l")
local body = file:read("*a")
file:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = target
wrk.headers["X-Amz-Date"] = amz_date
wrk.headers["Authorization"] = authorization

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"ok": %d, "errors": %d, "seconds": %f, "p99_ms": %f}\n',
    summary.requests - errors, errors, summary.duration / 1e6, latency:percentile(99) / 1000))
end
