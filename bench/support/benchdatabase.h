#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace certigram::test {
class PostgresServer;
}

namespace certigram::bench {

// The database a benchmark's server runs on: an SQLite file in a folder of the benchmark's,
// or a private PostgreSQL cluster (tests/support PostgresServer: initdb on a free loopback
// port, fsync off, as the integration tests run it), removed when this goes.
class BenchDatabase
{
public:
    enum class Backend { Sqlite, Postgres };

    // "sqlite" / "postgres": also the benchmarks' option values and results keys.
    static QString name(Backend backend);
    // --backends LIST, default both; its value goes to fromList().
    static QCommandLineOption option();
    // "sqlite,postgres" → both; nullopt (and a message on stderr) for an unknown name.
    static std::optional<QList<Backend>> fromList(const QString &commaSeparated);

    // `folder` holds the SQLite file (unused for PostgreSQL).
    BenchDatabase(Backend backend, QString folder);
    ~BenchDatabase();
    BenchDatabase(const BenchDatabase &) = delete;
    BenchDatabase &operator=(const BenchDatabase &) = delete;

    bool start();
    QString errorString() const { return m_error; }

    Backend backend() const { return m_backend; }
    // For certigram-server's --database / "database": sqlite:///… or postgresql://…
    QString url() const;

private:
    Backend m_backend;
    QString m_folder;
    std::unique_ptr<test::PostgresServer> m_postgres;
    QString m_error;
};

} // namespace certigram::bench
