"""What every client in the comparison sends: the same keys, item and query as dynaq-bench's
get, put and query workloads (bench/loadgen/items.hpp), as DynamoDB-typed JSON, so that each
client encodes and decodes the same bytes."""

import json

TABLE = "dynaq_bench"
ITEM_SIZE = 1000  # dynaq-bench's --item-size default: bytes of attribute values
ATTRIBUTES = 10  # dynaq-bench's --attributes default
PAGE_SIZE = 100  # items per Query page; the null server is started with --query-items 100


def key(k=0):
    return {"pk": {"S": "p%010d" % (k // 100)}, "sk": {"S": "s%010d" % (k % 100)}}


def item(k=0):
    out = key(k)
    per_field = ITEM_SIZE // ATTRIBUTES
    for i in range(ATTRIBUTES):
        out["field%d" % i] = {"S": chr(ord("a") + i % 26) * per_field}
    return out


def request(workload):
    """(X-Amz-Target operation, request body as a dict) of one request of `workload`."""
    if workload == "get":
        return "GetItem", {"TableName": TABLE, "Key": key()}
    if workload == "put":
        return "PutItem", {"TableName": TABLE, "Item": item()}
    if workload == "query":
        return "Query", {
            "TableName": TABLE,
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": {":pk": key()["pk"]},
            "Limit": PAGE_SIZE,
        }
    raise ValueError("unknown workload " + workload)


def body(workload):
    return json.dumps(request(workload)[1], separators=(",", ":"))


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, int(round(p / 100.0 * (len(sorted_values) - 1))))
    return sorted_values[index]
