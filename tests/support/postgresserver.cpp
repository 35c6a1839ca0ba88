#include "postgresserver.h"

#include "processrunner.h"

#include <QDir>
#include <QHostAddress>
#include <QTcpServer>

#include <pwd.h>
#include <unistd.h>

namespace certigram::test {

namespace {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

bool runningAsRoot()
{
    return ::geteuid() == 0;
}

} // namespace

PostgresServer::PostgresServer() = default;

PostgresServer::~PostgresServer()
{
    stop();
}

QString PostgresServer::pgBinary(const QString &name) const
{
    return m_binDir + QLatin1Char('/') + name;
}

bool PostgresServer::runAsOwner(const QStringList &command, int timeoutMs)
{
    QStringList arguments = command;
    QString program = arguments.takeFirst();
    if (runningAsRoot()) {
        arguments.prepend(program);
        arguments.prepend(QStringLiteral("--"));
        arguments.prepend(QStringLiteral("postgres"));
        arguments.prepend(QStringLiteral("-u"));
        program = QStringLiteral("runuser");
    }
    const ProcessOutput output = runProcess(program, arguments, {}, timeoutMs);
    if (!output.succeeded())
        m_error = QStringLiteral("%1 failed: %2%3")
                      .arg(command.first(), QString::fromUtf8(output.standardError),
                           QString::fromUtf8(output.standardOutput));
    return output.succeeded();
}

bool PostgresServer::start()
{
    const QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql"))
                                     .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &version : versions) {
        const QString candidate = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(version);
        if (QFile::exists(candidate + QStringLiteral("/initdb")))
            m_binDir = candidate;
    }
    if (m_binDir.isEmpty()) {
        m_error = QStringLiteral("PostgreSQL is not installed (package postgresql)");
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>();
    if (runningAsRoot()) {
        const passwd *owner = ::getpwnam("postgres");
        if (!owner
            || ::chown(QFile::encodeName(m_dir->path()).constData(), owner->pw_uid, owner->pw_gid)
                != 0) {
            m_error = QStringLiteral("cannot hand the data folder to the postgres user");
            return false;
        }
    }
    const QString data = m_dir->filePath(QStringLiteral("data"));
    if (!runAsOwner({pgBinary(QStringLiteral("initdb")), QStringLiteral("-D"), data,
                     QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-U"),
                     QStringLiteral("certigram"), QStringLiteral("--no-sync")},
                    120000))
        return false;
    m_port = freeLoopbackPort();
    const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off "
                                           "-c max_connections=200")
                                .arg(m_port)
                                .arg(m_dir->path());
    if (!runAsOwner({pgBinary(QStringLiteral("pg_ctl")), QStringLiteral("-D"), data,
                     QStringLiteral("-o"), options, QStringLiteral("-l"),
                     m_dir->filePath(QStringLiteral("log")), QStringLiteral("-w"),
                     QStringLiteral("start")},
                    120000))
        return false;
    m_running = true;
    return true;
}

void PostgresServer::stop()
{
    if (!m_running)
        return;
    runAsOwner({pgBinary(QStringLiteral("pg_ctl")), QStringLiteral("-D"),
                m_dir->filePath(QStringLiteral("data")), QStringLiteral("-m"),
                QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop")},
               60000);
    m_running = false;
}

QString PostgresServer::url() const
{
    return QStringLiteral("postgresql://certigram@127.0.0.1:%1/postgres").arg(m_port);
}

} // namespace certigram::test
