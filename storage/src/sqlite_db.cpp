#include "sqlite_db.h"

#include <sqlite3.h>

#include <utility>

namespace sohoa::storage {

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path, int busy_timeout_ms) {
  sqlite3* db = nullptr;
  // NOMUTEX: LocalStore serializes its own calls, so SQLite's per-connection mutex is redundant.
  const int rc = sqlite3_open_v2(
      path.c_str(), &db,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
      nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return IoError("cannot open the store index: " + why, path);
  }
  sqlite3_busy_timeout(db, busy_timeout_ms);
  return std::unique_ptr<SqliteDb>(new SqliteDb(db, path));
}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

Status SqliteDb::Error(int rc, std::string_view context) const {
  std::string message(context);
  message += ": ";
  // The connection's message describes the last failure; fall back to the generic text when a
  // later call already reset it.
  const char* detail = sqlite3_errcode(db_) == rc ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  message += detail;
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
    message += " (another process held the store index for too long; try again)";
  }
  return IoError(std::move(message), path_);
}

Status SqliteDb::Exec(const char* sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string message = std::string("SQLite failed running \"") + sql +
                        "\": " + (error != nullptr ? error : sqlite3_errstr(rc));
  sqlite3_free(error);
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
    message += " (another process held the store index for too long; try again)";
  }
  return IoError(std::move(message), path_);
}

Result<SqliteStatement> SqliteDb::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(rc, "SQLite cannot prepare a statement");
  return SqliteStatement(this, stmt);
}

std::int64_t SqliteDb::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

bool SqliteDb::LastFailureWasBusy() const { return (sqlite3_errcode(db_) & 0xff) == SQLITE_BUSY; }

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

Status SqliteStatement::BindText(int index, std::string_view value) {
  const int rc =
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) return db_->Error(rc, "SQLite cannot bind a text parameter");
  return Status::Ok();
}

Status SqliteStatement::BindInt64(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) return db_->Error(rc, "SQLite cannot bind an integer parameter");
  return Status::Ok();
}

Result<bool> SqliteStatement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->Error(rc, "SQLite statement failed");
}

Status SqliteStatement::Run() {
  auto row = Step();
  if (!row.ok()) return row.status();
  return Status::Ok();
}

std::string SqliteStatement::ColumnText(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::int64_t SqliteStatement::ColumnInt64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

Result<SqliteTransaction> SqliteTransaction::BeginImmediate(SqliteDb& db) {
  SOHOA_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  return SqliteTransaction(&db);
}

SqliteTransaction::~SqliteTransaction() { Rollback(); }

void SqliteTransaction::Rollback() {
  // A failed ROLLBACK means SQLite already ended the transaction (e.g. after an I/O error).
  if (db_ != nullptr) (void)db_->Exec("ROLLBACK");
  db_ = nullptr;
}

Status SqliteTransaction::Commit() {
  Status committed = db_->Exec("COMMIT");
  if (committed.ok()) db_ = nullptr;  // otherwise the destructor rolls back
  return committed;
}

}  // namespace sohoa::storage
