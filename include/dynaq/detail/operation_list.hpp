#pragma once
// The one list of the DynamoDB operations dynaq types. Everything per-operation is derived from
// it: the Client's methods (client.hpp, client.cpp), operation_traits and the codec
// declarations (operation_codec.hpp), and the checklist test (test/unit/client). Adding an
// operation means writing its model types, encoder, decoder and validator, and one row here;
// the checklist test then fails to build until the operation has a wire fixture too.
//
// A row is X(method, Name, retry, items, argument):
//   method    the Client member function, snake_case of Name
//   Name      the X-Amz-Target suffix; the request type is Name##Request, the response
//   Name##Response retry     idempotent: sending it twice leaves the same state as sending it once
//   (reads,
//             describes, lists, and writes that set a value rather than add or create one), so a
//             timeout after the request may have reached DynamoDB is safe to retry.
//             not_idempotent: a second copy may create, count or fail differently (UpdateItem's
//             ADD, CreateBackup's second backup, PartiQL statements that may write).
//   items     what the operation does to items, for capacity accounting: none (control plane),
//             read, write, or read_write (PartiQL, whose statement decides)
//   argument  required, or optional: the request may be left out (every member is optional)
//
// Public-safe: no RapidJSON, only the macro and two small enums.
#include <string_view>

namespace dynaq {

/// Whether a call is safe to send again when it may already have reached DynamoDB.
enum class Idempotency { idempotent, not_idempotent };
/// What an operation does to items; `none` for the control plane.
enum class ItemAccess { none, read, write, read_write };

// clang-format off
#define DYNAQ_OPERATIONS(X)                                                                        \
    /* Items */                                                                                    \
    X(get_item,              GetItem,            idempotent,     read,       required)             \
    X(put_item,              PutItem,            idempotent,     write,      required)             \
    X(update_item,           UpdateItem,         not_idempotent, write,      required)             \
    X(delete_item,           DeleteItem,         idempotent,     write,      required)             \
    /* Reads of many items; one call is one page */                                                \
    X(query,                 Query,              idempotent,     read,       required)             \
    X(scan,                  Scan,               idempotent,     read,       required)             \
    /* Batches: unprocessed keys/items come back in the response and are not retried here */       \
    X(batch_get_item,        BatchGetItem,       idempotent,     read,       required)             \
    X(batch_write_item,      BatchWriteItem,     idempotent,     write,      required)             \
    /* Transactions: a cancelled one throws TransactionCanceledError with its reasons */           \
    X(transact_get_items,    TransactGetItems,   idempotent,     read,       required)             \
    X(transact_write_items,  TransactWriteItems, not_idempotent, write,      required)             \
    /* Tables */                                                                                   \
    X(create_table,          CreateTable,        not_idempotent, none,       required)             \
    X(delete_table,          DeleteTable,        idempotent,     none,       required)             \
    X(describe_table,        DescribeTable,      idempotent,     none,       required)             \
    X(list_tables,           ListTables,         idempotent,     none,       optional)             \
    X(update_table,          UpdateTable,        not_idempotent, none,       required)             \
    X(update_time_to_live,   UpdateTimeToLive,   idempotent,     none,       required)             \
    X(describe_time_to_live, DescribeTimeToLive, idempotent,     none,       required)             \
    /* Backups and point-in-time recovery */                                                       \
    X(create_backup,                  CreateBackup,              not_idempotent, none, required)   \
    X(delete_backup,                  DeleteBackup,              idempotent,     none, required)   \
    X(describe_backup,                DescribeBackup,            idempotent,     none, required)   \
    X(list_backups,                   ListBackups,               idempotent,     none, optional)   \
    X(restore_table_from_backup,      RestoreTableFromBackup,    not_idempotent, none, required)   \
    X(restore_table_to_point_in_time, RestoreTableToPointInTime, not_idempotent, none, required)   \
    X(describe_continuous_backups,    DescribeContinuousBackups, idempotent,     none, required)   \
    X(update_continuous_backups,      UpdateContinuousBackups,   idempotent,     none, required)   \
    /* Tags and resource-based policies */                                                         \
    X(tag_resource,           TagResource,          idempotent, none, required)                    \
    X(untag_resource,         UntagResource,        idempotent, none, required)                    \
    X(list_tags_of_resource,  ListTagsOfResource,   idempotent, none, required)                    \
    X(put_resource_policy,    PutResourcePolicy,    idempotent, none, required)                    \
    X(get_resource_policy,    GetResourcePolicy,    idempotent, none, required)                    \
    X(delete_resource_policy, DeleteResourcePolicy, idempotent, none, required)                    \
    /* Account quotas and endpoints */                                                             \
    X(describe_limits,        DescribeLimits,       idempotent, none, optional)                    \
    X(describe_endpoints,     DescribeEndpoints,    idempotent, none, optional)                    \
    /* PartiQL: whether a statement reads or writes is in its text */                              \
    X(execute_statement,       ExecuteStatement,      not_idempotent, read_write, required)        \
    X(batch_execute_statement, BatchExecuteStatement, not_idempotent, read_write, required)        \
    X(execute_transaction,     ExecuteTransaction,    not_idempotent, read_write, required)        \
    /* Exports to S3 and imports from S3 (into a new table) */                                     \
    X(export_table_to_point_in_time, ExportTableToPointInTime, not_idempotent, none, required)     \
    X(describe_export,               DescribeExport,           idempotent,     none, required)     \
    X(list_exports,                  ListExports,              idempotent,     none, optional)     \
    X(import_table,                  ImportTable,              not_idempotent, none, required)     \
    X(describe_import,               DescribeImport,           idempotent,     none, required)     \
    X(list_imports,                  ListImports,              idempotent,     none, optional)     \
    /* Contributor Insights */                                                                     \
    X(describe_contributor_insights, DescribeContributorInsights, idempotent,     none, required)  \
    X(update_contributor_insights,   UpdateContributorInsights,   idempotent,     none, required)  \
    X(list_contributor_insights,     ListContributorInsights,     idempotent,     none, optional)  \
    /* Kinesis Data Streams destinations */                                                        \
    X(enable_kinesis_streaming_destination,                                                        \
      EnableKinesisStreamingDestination,   idempotent, none, required)                             \
    X(disable_kinesis_streaming_destination,                                                       \
      DisableKinesisStreamingDestination,  idempotent, none, required)                             \
    X(describe_kinesis_streaming_destination,                                                      \
      DescribeKinesisStreamingDestination, idempotent, none, required)                             \
    X(update_kinesis_streaming_destination,                                                        \
      UpdateKinesisStreamingDestination,   idempotent, none, required)                             \
    /* Global tables (version 2017.11.29) and replica auto scaling */                              \
    X(create_global_table,            CreateGlobalTable,           not_idempotent, none, required) \
    X(describe_global_table,          DescribeGlobalTable,         idempotent,     none, required) \
    X(describe_global_table_settings, DescribeGlobalTableSettings, idempotent,     none, required) \
    X(list_global_tables,             ListGlobalTables,            idempotent,     none, optional) \
    X(update_global_table,            UpdateGlobalTable,           not_idempotent, none, required) \
    X(update_global_table_settings,   UpdateGlobalTableSettings,   idempotent,     none, required) \
    X(describe_table_replica_auto_scaling,                                                         \
      DescribeTableReplicaAutoScaling, idempotent, none, required)                                 \
    X(update_table_replica_auto_scaling,                                                           \
      UpdateTableReplicaAutoScaling,   idempotent, none, required)

// The DynamoDB Streams operations (target prefix DynamoDBStreams_20120810, host
// streams.dynamodb.{region}...), rows of the same shape, typed by StreamsClient
// (streams_client.hpp). Reads only, so every row is idempotent.
#define DYNAQ_STREAMS_OPERATIONS(X)                                                                \
    X(list_streams,       ListStreams,      idempotent, none, optional)                            \
    X(describe_stream,    DescribeStream,   idempotent, none, required)                            \
    X(get_shard_iterator, GetShardIterator, idempotent, none, required)                            \
    X(get_records,        GetRecords,       idempotent, none, required)
// clang-format on

} // namespace dynaq
