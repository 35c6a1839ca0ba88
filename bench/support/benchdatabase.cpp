#include "benchdatabase.h"

#include "postgresserver.h"

#include <QDir>

#include <algorithm>
#include <cstdio>

namespace certigram::bench {

namespace {

constexpr BenchDatabase::Backend kAll[]
    = {BenchDatabase::Backend::Sqlite, BenchDatabase::Backend::Postgres};

} // namespace

QString BenchDatabase::name(Backend backend)
{
    return backend == Backend::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgres");
}

QCommandLineOption BenchDatabase::option()
{
    return QCommandLineOption(
        QStringLiteral("backends"),
        QStringLiteral("Comma-separated databases: sqlite, postgres (default both)."),
        QStringLiteral("list"), QStringLiteral("sqlite,postgres"));
}

std::optional<QList<BenchDatabase::Backend>> BenchDatabase::fromList(const QString &commaSeparated)
{
    QList<Backend> backends;
    for (const QString &value : commaSeparated.split(QLatin1Char(','))) {
        const auto known = std::find_if(std::begin(kAll), std::end(kAll),
                                        [&](Backend backend) { return name(backend) == value; });
        if (known == std::end(kAll)) {
            std::fprintf(stderr, "unknown database %s (sqlite or postgres)\n", qPrintable(value));
            return std::nullopt;
        }
        backends << *known;
    }
    return backends;
}

BenchDatabase::BenchDatabase(Backend backend, QString folder)
    : m_backend(backend)
    , m_folder(std::move(folder))
{ }

BenchDatabase::~BenchDatabase() = default;

bool BenchDatabase::start()
{
    if (m_backend == Backend::Sqlite) {
        if (QDir().mkpath(m_folder))
            return true;
        m_error = QStringLiteral("cannot create %1").arg(m_folder);
        return false;
    }
    m_postgres = std::make_unique<test::PostgresServer>();
    if (m_postgres->start())
        return true;
    m_error = m_postgres->errorString();
    return false;
}

QString BenchDatabase::url() const
{
    if (m_backend == Backend::Postgres)
        return m_postgres ? m_postgres->url() : QString();
    return QStringLiteral("sqlite://")
        + QDir(m_folder).absoluteFilePath(QStringLiteral("certigram.db"));
}

} // namespace certigram::bench
