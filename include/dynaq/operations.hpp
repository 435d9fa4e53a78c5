#pragma once
// Request and response value types of every DynamoDB operation dynaq supports.
#include <dynaq/model/batch.hpp>
#include <dynaq/model/common.hpp>
#include <dynaq/model/item_ops.hpp>
#include <dynaq/model/query_scan.hpp>
#include <dynaq/model/table_ops.hpp>
#include <dynaq/model/transact.hpp>
#include <dynaq/model/ttl.hpp>
