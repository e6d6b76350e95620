// A thin RAII layer over the SQLite C API for the store: one connection, prepared statements
// with bound parameters, and every SQLite failure turned into a Status naming the index file
// and carrying SQLite's own message. Private to sohoa_storage.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sohoa/core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sohoa::storage {

class SqliteStatement;

class SqliteDb {
 public:
  // Opens (creating when missing) the database at `path` with the busy timeout set.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::string& path, int busy_timeout_ms);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Runs SQL without parameters (schema, pragmas, BEGIN/COMMIT).
  Status Exec(const char* sql);
  Result<SqliteStatement> Prepare(std::string_view sql);
  std::int64_t LastInsertRowId() const;
  // Whether the connection's most recent failure was SQLITE_BUSY (any extended code).
  bool LastFailureWasBusy() const;

  // The Status for SQLite result code `rc` on this connection: kIo naming the file, with
  // `context` and SQLite's message.
  Status Error(int rc, std::string_view context) const;
  const std::string& path() const { return path_; }

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

class SqliteStatement {
 public:
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&&) = delete;
  SqliteStatement(const SqliteStatement&) = delete;
  ~SqliteStatement();

  // Parameters are 1-based, as in SQLite. Text is copied (SQLITE_TRANSIENT).
  Status BindText(int index, std::string_view value);
  Status BindInt64(int index, std::int64_t value);

  // Advances: true when a row is available, false when done.
  Result<bool> Step();
  // Runs a statement that returns no rows.
  Status Run();

  std::string ColumnText(int column) const;
  std::int64_t ColumnInt64(int column) const;

 private:
  friend class SqliteDb;
  SqliteStatement(const SqliteDb* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  const SqliteDb* db_;
  sqlite3_stmt* stmt_;
};

// Rolls back unless Commit() succeeded, so an early return never leaves a transaction open.
class SqliteTransaction {
 public:
  // BEGIN IMMEDIATE: takes the write lock now (waiting up to the busy timeout), so a
  // read-then-write sequence inside cannot be overtaken by another process.
  static Result<SqliteTransaction> BeginImmediate(SqliteDb& db);
  SqliteTransaction(SqliteTransaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  SqliteTransaction& operator=(SqliteTransaction&&) = delete;
  ~SqliteTransaction();
  Status Commit();
  // Ends the transaction now, discarding its changes (also what the destructor does).
  void Rollback();

 private:
  explicit SqliteTransaction(SqliteDb* db) : db_(db) {}
  SqliteDb* db_;
};

}  // namespace sohoa::storage
