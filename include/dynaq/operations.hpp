#pragma once
// Request and response value types of every DynamoDB operation dynaq supports.
#include <dynaq/model/backup.hpp>
#include <dynaq/model/batch.hpp>
#include <dynaq/model/common.hpp>
#include <dynaq/model/contributor_insights.hpp>
#include <dynaq/model/export_import.hpp>
#include <dynaq/model/global_tables.hpp>
#include <dynaq/model/item_ops.hpp>
#include <dynaq/model/kinesis.hpp>
#include <dynaq/model/partiql.hpp>
#include <dynaq/model/query_scan.hpp>
#include <dynaq/model/service.hpp>
#include <dynaq/model/table_ops.hpp>
#include <dynaq/model/tags.hpp>
#include <dynaq/model/transact.hpp>
#include <dynaq/model/ttl.hpp>
