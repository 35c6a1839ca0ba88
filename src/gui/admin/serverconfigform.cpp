#include "admin/serverconfigform.h"

#include "admin/bottokenstore.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

namespace certigram {

namespace {

template<typename W>
W *named(W *widget, const char *objectName, const QString &accessibleName)
{
    widget->setObjectName(QLatin1String(objectName));
    widget->setAccessibleName(accessibleName);
    return widget;
}

QSpinBox *spinBox(QWidget *parent, const char *objectName, const QString &accessibleName,
                  int minimum, int maximum, const QString &suffix = QString())
{
    auto *box = named(new QSpinBox(parent), objectName, accessibleName);
    box->setRange(minimum, maximum);
    box->setSuffix(suffix);
    box->setGroupSeparatorShown(true);
    return box;
}

QString notifierKey(ServerConfig::NotifierKind kind)
{
    switch (kind) {
    case ServerConfig::NotifierKind::Telegram: return QStringLiteral("telegram");
    case ServerConfig::NotifierKind::Command: return QStringLiteral("command");
    case ServerConfig::NotifierKind::Console: break;
    }
    return QStringLiteral("console");
}

} // namespace

ServerConfigForm::ServerConfigForm(BotTokenStore *tokens, QWidget *parent)
    : QWidget(parent)
    , m_tokens(tokens)
{
    setObjectName(QStringLiteral("serverConfigForm"));
    setAccessibleName(tr("Server configuration"));
    const ServerConfig defaults;

    // Server
    auto *serverBox = new QGroupBox(tr("Server"), this);
    m_serverForm = new QFormLayout(serverBox);
    m_listenAddress = named(new QLineEdit(serverBox), "listenAddressEdit", tr("Listen address"));
    m_listenAddress->setToolTip(
        tr("The IP address to serve on: 127.0.0.1 for this computer only, 0.0.0.0 for every "
           "network interface."));
    m_listenPort = spinBox(serverBox, "listenPortSpin", tr("Listen port"), 1, 65535);
    m_listenPort->setGroupSeparatorShown(false);
    auto *listenRow = new QHBoxLayout;
    listenRow->addWidget(m_listenAddress, 1);
    listenRow->addWidget(new QLabel(tr("Port:"), serverBox));
    listenRow->addWidget(m_listenPort);
    auto *listenLabel = new QLabel(tr("&Listen on:"), serverBox);
    listenLabel->setBuddy(m_listenAddress);
    m_serverForm->addRow(listenLabel, listenRow);
    m_dataDir = named(new QLineEdit(serverBox), "dataDirEdit", tr("Data directory"));
    m_dataDir->setToolTip(tr("Holds the CA keys, the database and the audit log."));
    m_serverForm->addRow(
        tr("&Data directory:"),
        withBrowseButton(m_dataDir, "dataDirBrowseButton", tr("Choose the data directory"), true));
    qobject_cast<QLabel *>(m_serverForm->labelForField(m_dataDir->parentWidget()))
        ->setBuddy(m_dataDir);

    // Notifier
    auto *notifierBox = new QGroupBox(tr("Notifier"), this);
    m_notifierForm = new QFormLayout(notifierBox);
    m_notifier = named(new QComboBox(notifierBox), "notifierCombo", tr("Notifier"));
    m_notifier->addItem(tr("Console (codes appear in the server messages; testing only)"),
                        static_cast<int>(ServerConfig::NotifierKind::Console));
    m_notifier->addItem(tr("Telegram bot"), static_cast<int>(ServerConfig::NotifierKind::Telegram));
    m_notifier->addItem(tr("Command"), static_cast<int>(ServerConfig::NotifierKind::Command));
    m_notifierForm->addRow(tr("Send codes &with:"), m_notifier);
    m_botToken = named(new QLineEdit(notifierBox), "botTokenEdit", tr("Telegram bot token"));
    m_botToken->setEchoMode(QLineEdit::Password);
    m_botToken->setPlaceholderText(tr("123456789:AA… from @BotFather"));
    m_saveToken = named(new QPushButton(tr("Save &token"), notifierBox), "saveBotTokenButton",
                        tr("Save the bot token"));
    auto *tokenRow = new QWidget(notifierBox);
    auto *tokenLayout = new QHBoxLayout(tokenRow);
    tokenLayout->setContentsMargins(0, 0, 0, 0);
    tokenLayout->addWidget(m_botToken, 1);
    tokenLayout->addWidget(m_saveToken);
    auto *tokenLabel = new QLabel(tr("&Bot token:"), notifierBox);
    tokenLabel->setBuddy(m_botToken);
    m_notifierForm->addRow(tokenLabel, tokenRow);
    m_tokenStatus = named(new QLabel(notifierBox), "botTokenStatusLabel", tr("Bot token status"));
    m_tokenStatus->setWordWrap(true);
    m_notifierForm->addRow(QString(), m_tokenStatus);
    m_notifyCommand
        = named(new QLineEdit(notifierBox), "notifyCommandEdit", tr("Notification command"));
    m_notifyCommand->setToolTip(tr("Runs with the subject as its argument and the message on "
                                   "its standard input (no shell)."));
    m_notifierForm->addRow(tr("Comma&nd:"),
                           withBrowseButton(m_notifyCommand, "notifyCommandBrowseButton",
                                            tr("Choose the notification program"), false));
    qobject_cast<QLabel *>(m_notifierForm->labelForField(m_notifyCommand->parentWidget()))
        ->setBuddy(m_notifyCommand);

    // Limits
    auto *limitsBox = new QGroupBox(tr("Limits"), this);
    auto *limitsForm = new QFormLayout(limitsBox);
    m_maxConnections
        = spinBox(limitsBox, "maxConnectionsSpin", tr("Maximum open connections"), 1, 1000000);
    m_requestsPerMinute = spinBox(limitsBox, "requestsPerMinuteSpin",
                                  tr("Requests per minute per address"), 1, 6000000);
    m_burst = spinBox(limitsBox, "burstSpin", tr("Burst of requests per address"), 1, 1000000);
    m_codeLifetime = spinBox(limitsBox, "codeLifetimeSpin", tr("Code lifetime in seconds"), 30,
                             3600, tr(" s"));
    m_maxAttempts = spinBox(limitsBox, "maxAttemptsSpin", tr("Attempts per code"), 1, 20);
    m_codeRequestsPerHour = spinBox(limitsBox, "codeRequestsPerHourSpin",
                                    tr("Code requests per address per hour"), 1, 100000);
    limitsForm->addRow(tr("Open c&onnections at most:"), m_maxConnections);
    limitsForm->addRow(tr("&Requests per minute per address:"), m_requestsPerMinute);
    limitsForm->addRow(tr("&Burst per address:"), m_burst);
    limitsForm->addRow(tr("Code l&ifetime:"), m_codeLifetime);
    limitsForm->addRow(tr("Attempts per cod&e:"), m_maxAttempts);
    limitsForm->addRow(tr("Code re&quests per address per hour:"), m_codeRequestsPerHour);

    // Certificate authority
    auto *caBox = new QGroupBox(tr("Certificate authority"), this);
    m_caForm = new QFormLayout(caBox);
    m_caMode = named(new QComboBox(caBox), "caModeCombo", tr("CA mode"));
    m_caMode->addItem(tr("Embedded (this app is the CA)"),
                      static_cast<int>(ServerConfig::CaMode::Embedded));
    m_caMode->addItem(tr("External step-ca"), static_cast<int>(ServerConfig::CaMode::External));
    m_caForm->addRow(tr("C&A mode:"), m_caMode);
    m_caNames = named(new QLineEdit(caBox), "caNamesEdit", tr("Names the CA answers to"));
    m_caNames->setPlaceholderText(tr("localhost, 127.0.0.1, this computer's name"));
    m_caNames->setToolTip(tr("Host names and IP addresses, separated by commas, that clients "
                             "use to reach this server. Its TLS certificate carries them."));
    m_caForm->addRow(tr("Server &names:"), m_caNames);
    m_externalUrl = named(new QLineEdit(caBox), "externalCaUrlEdit", tr("External CA URL"));
    m_externalUrl->setPlaceholderText(QStringLiteral("https://ca.example.org:9000"));
    m_externalRoot = named(new QLineEdit(caBox), "externalCaRootEdit",
                           tr("External CA root certificate file"));
    m_provisionerName = named(new QLineEdit(caBox), "provisionerNameEdit", tr("Provisioner name"));
    m_provisionerKey
        = named(new QLineEdit(caBox), "provisionerKeyEdit", tr("Provisioner key file"));
    m_provisionerPassword = named(new QLineEdit(caBox), "provisionerPasswordFileEdit",
                                  tr("Provisioner password file"));
    m_tlsCertificate
        = named(new QLineEdit(caBox), "tlsCertificateEdit", tr("Server TLS certificate file"));
    m_tlsKey = named(new QLineEdit(caBox), "tlsKeyEdit", tr("Server TLS key file"));
    const struct
    {
        QString label;
        QLineEdit *edit;
        const char *button;
        bool file;
    } externalRows[] = {
        {tr("CA &URL:"), m_externalUrl, nullptr, false},
        {tr("&Root certificate:"), m_externalRoot, "externalCaRootBrowseButton", true},
        {tr("&Provisioner:"), m_provisionerName, nullptr, false},
        {tr("Provisioner &key:"), m_provisionerKey, "provisionerKeyBrowseButton", true},
        {tr("Provisioner pass&word file:"), m_provisionerPassword,
         "provisionerPasswordBrowseButton", true},
        {tr("TLS certificate:"), m_tlsCertificate, "tlsCertificateBrowseButton", true},
        {tr("TLS ke&y:"), m_tlsKey, "tlsKeyBrowseButton", true},
    };
    for (const auto &row : externalRows) {
        QWidget *field = row.file
            ? withBrowseButton(row.edit, row.button, row.edit->accessibleName(), false)
            : row.edit;
        auto *label = new QLabel(row.label, caBox);
        label->setBuddy(row.edit);
        m_caForm->addRow(label, field);
        m_externalRows << field;
    }

    auto *columns = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(serverBox);
    left->addWidget(notifierBox);
    left->addWidget(limitsBox);
    left->addStretch(1);
    auto *right = new QVBoxLayout;
    right->addWidget(caBox);
    right->addStretch(1);
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(columns);

    // Defaults until load() runs.
    m_listenAddress->setText(defaults.listenAddress.toString());
    m_listenPort->setValue(defaults.listenPort);
    m_dataDir->setText(QDir::toNativeSeparators(defaultDataDir()));
    m_maxConnections->setValue(defaults.limits.maxConnections);
    m_requestsPerMinute->setValue(static_cast<int>(defaults.limits.requestsPerSecond * 60));
    m_burst->setValue(static_cast<int>(defaults.limits.burst));
    m_codeLifetime->setValue(static_cast<int>(defaults.policy.codeLifetime.count()));
    m_maxAttempts->setValue(defaults.policy.maxAttempts);
    m_codeRequestsPerHour->setValue(
        static_cast<int>(defaults.policy.codeRequestsPerAddressPerHour));
    m_provisionerName->setText(defaults.provisionerName);

    connect(m_notifier, &QComboBox::currentIndexChanged, this, &ServerConfigForm::updateVisibility);
    connect(m_caMode, &QComboBox::currentIndexChanged, this, &ServerConfigForm::updateVisibility);
    connect(m_saveToken, &QPushButton::clicked, this, &ServerConfigForm::saveToken);
    connect(m_dataDir, &QLineEdit::textChanged, this, [this] { emit dataDirChanged(dataDir()); });
    connect(m_botToken, &QLineEdit::returnPressed, this, &ServerConfigForm::saveToken);
    const auto edits = findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits) {
        if (edit != m_botToken)
            connect(edit, &QLineEdit::textChanged, this, &ServerConfigForm::changed);
    }
    const auto spins = findChildren<QSpinBox *>();
    for (QSpinBox *spin : spins)
        connect(spin, &QSpinBox::valueChanged, this, &ServerConfigForm::changed);
    connect(m_notifier, &QComboBox::currentIndexChanged, this, &ServerConfigForm::changed);
    connect(m_caMode, &QComboBox::currentIndexChanged, this, &ServerConfigForm::changed);

    if (m_tokens) {
        connect(m_tokens, &BotTokenStore::saved, this, [this](BotTokenStore::Location where) {
            m_hasToken = true;
            m_botToken->clear();
            const QString text = where == BotTokenStore::Location::Keychain
                ? tr("A bot token is saved in the system keychain.")
                : tr("A bot token is saved in %1 (readable by you only).")
                      .arg(QDir::toNativeSeparators(m_tokens->fallbackFile()));
            m_tokenStatus->setText(text);
            emit message(text, false);
            emit changed();
        });
        connect(m_tokens, &BotTokenStore::loaded, this,
                [this](const QString &token, BotTokenStore::Location where) {
                    m_hasToken = !token.isEmpty();
                    if (where == BotTokenStore::Location::Keychain)
                        m_tokenStatus->setText(tr("A bot token is saved in the system keychain."));
                    else if (where == BotTokenStore::Location::File)
                        m_tokenStatus->setText(
                            tr("A bot token is saved in %1 (readable by you only).")
                                .arg(QDir::toNativeSeparators(m_tokens->fallbackFile())));
                    else
                        m_tokenStatus->setText(tr("No bot token is saved yet."));
                });
        connect(m_tokens, &BotTokenStore::failed, this, [this](const QString &text) {
            m_tokenStatus->setText(text);
            emit message(text, true);
        });
        m_tokenStatus->setText(BotTokenStore::keychainSupported()
                                   ? tr("The token is kept in the system keychain, or in a file "
                                        "only you can read when there is none.")
                                   : tr("The token is kept in a file only you can read."));
    }
    updateVisibility();
}

QWidget *ServerConfigForm::withBrowseButton(QLineEdit *edit, const char *buttonName,
                                            const QString &title, bool directory)
{
    auto *row = new QWidget(edit->parentWidget());
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    edit->setParent(row);
    layout->addWidget(edit, 1);
    auto *browse = named(new QPushButton(tr("Browse…"), row), buttonName, title);
    layout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, edit, title, directory] {
        if (directory)
            chooseDataDir();
        else
            chooseFile(edit, title);
    });
    return row;
}

QString ServerConfigForm::defaultDataDir()
{
    // Where certigram-server keeps its state by default: the two share one CA.
    ServerConfig defaults;
    defaults.caDnsNames = {QStringLiteral("localhost")}; // skips the host name lookup
    (void)defaults.finish();
    return defaults.dataDir;
}

QString ServerConfigForm::dataDir() const
{
    return QDir::fromNativeSeparators(m_dataDir->text().trimmed());
}

void ServerConfigForm::updateVisibility()
{
    const auto kind = notifier();
    m_notifierForm->setRowVisible(m_botToken->parentWidget(),
                                  kind == ServerConfig::NotifierKind::Telegram);
    m_notifierForm->setRowVisible(m_tokenStatus, kind == ServerConfig::NotifierKind::Telegram);
    m_notifierForm->setRowVisible(m_notifyCommand->parentWidget(),
                                  kind == ServerConfig::NotifierKind::Command);
    const bool external
        = m_caMode->currentData().toInt() == static_cast<int>(ServerConfig::CaMode::External);
    for (QWidget *row : std::as_const(m_externalRows))
        m_caForm->setRowVisible(row, external);
    m_caForm->setRowVisible(m_caNames, !external);
}

void ServerConfigForm::chooseDataDir()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose the data directory"),
                                                          m_dataDir->text());
    if (!dir.isEmpty())
        m_dataDir->setText(QDir::toNativeSeparators(dir));
}

void ServerConfigForm::chooseFile(QLineEdit *edit, const QString &title)
{
    const QString file = QFileDialog::getOpenFileName(this, title, edit->text());
    if (!file.isEmpty())
        edit->setText(QDir::toNativeSeparators(file));
}

void ServerConfigForm::saveToken()
{
    const QString token = m_botToken->text().trimmed();
    if (token.isEmpty()) {
        emit message(tr("Type the bot token @BotFather gave you, then save it."), true);
        return;
    }
    // The Bot API's shape: <bot id>:<secret>.
    const qsizetype colon = token.indexOf(QLatin1Char(':'));
    bool idOk = false;
    token.left(colon).toLongLong(&idOk);
    if (colon <= 0 || !idOk || colon == token.size() - 1) {
        emit message(tr("This does not look like a bot token: it should read like "
                        "123456789:AAE… (the bot's number, a colon, then the secret)."),
                     true);
        return;
    }
    if (m_tokens)
        m_tokens->save(token);
}

ServerConfig::NotifierKind ServerConfigForm::notifier() const
{
    return static_cast<ServerConfig::NotifierKind>(m_notifier->currentData().toInt());
}

void ServerConfigForm::setLocked(bool locked)
{
    const auto children = findChildren<QWidget *>();
    for (QWidget *child : children) {
        if (child == m_botToken || child == m_saveToken || child == m_tokenStatus)
            continue; // the token can be replaced at any time (used at the next start)
        if (qobject_cast<QLineEdit *>(child) || qobject_cast<QSpinBox *>(child)
            || qobject_cast<QComboBox *>(child) || qobject_cast<QPushButton *>(child))
            child->setEnabled(!locked);
    }
}

void ServerConfigForm::load(QSettings &settings)
{
    // Filling the fields must not report changes: they would save a half-loaded form.
    const QSignalBlocker quiet(this);
    settings.beginGroup(QStringLiteral("admin"));
    const ServerConfig defaults;
    m_listenAddress->setText(
        settings.value(QStringLiteral("listenAddress"), defaults.listenAddress.toString())
            .toString());
    m_listenPort->setValue(
        settings.value(QStringLiteral("listenPort"), defaults.listenPort).toInt());
    m_dataDir->setText(QDir::toNativeSeparators(
        settings.value(QStringLiteral("dataDir"), defaultDataDir()).toString()));
    const bool hasToken = settings.value(QStringLiteral("hasBotToken"), false).toBool();
    const QString kind
        = settings
              .value(QStringLiteral("notifier"),
                     hasToken ? QStringLiteral("telegram") : QStringLiteral("console"))
              .toString();
    for (const auto candidate :
         {ServerConfig::NotifierKind::Console, ServerConfig::NotifierKind::Telegram,
          ServerConfig::NotifierKind::Command}) {
        if (notifierKey(candidate) == kind)
            m_notifier->setCurrentIndex(m_notifier->findData(static_cast<int>(candidate)));
    }
    m_notifyCommand->setText(settings.value(QStringLiteral("notifyCommand")).toString());
    m_maxConnections->setValue(
        settings.value(QStringLiteral("maxConnections"), defaults.limits.maxConnections).toInt());
    m_requestsPerMinute->setValue(
        settings
            .value(QStringLiteral("requestsPerMinute"),
                   static_cast<int>(defaults.limits.requestsPerSecond * 60))
            .toInt());
    m_burst->setValue(
        settings.value(QStringLiteral("burst"), static_cast<int>(defaults.limits.burst)).toInt());
    m_codeLifetime->setValue(settings
                                 .value(QStringLiteral("codeLifetimeSeconds"),
                                        static_cast<int>(defaults.policy.codeLifetime.count()))
                                 .toInt());
    m_maxAttempts->setValue(
        settings.value(QStringLiteral("maxAttempts"), defaults.policy.maxAttempts).toInt());
    m_codeRequestsPerHour->setValue(
        settings
            .value(QStringLiteral("codeRequestsPerHour"),
                   static_cast<int>(defaults.policy.codeRequestsPerAddressPerHour))
            .toInt());
    const bool external
        = settings.value(QStringLiteral("caMode")).toString() == QLatin1String("external");
    m_caMode->setCurrentIndex(m_caMode->findData(static_cast<int>(
        external ? ServerConfig::CaMode::External : ServerConfig::CaMode::Embedded)));
    m_caNames->setText(settings.value(QStringLiteral("caNames")).toString());
    m_externalUrl->setText(settings.value(QStringLiteral("externalCaUrl")).toString());
    m_externalRoot->setText(settings.value(QStringLiteral("externalCaRootFile")).toString());
    m_provisionerName->setText(
        settings.value(QStringLiteral("provisionerName"), defaults.provisionerName).toString());
    m_provisionerKey->setText(settings.value(QStringLiteral("provisionerKeyFile")).toString());
    m_provisionerPassword->setText(
        settings.value(QStringLiteral("provisionerPasswordFile")).toString());
    m_tlsCertificate->setText(settings.value(QStringLiteral("tlsCertificateFile")).toString());
    m_tlsKey->setText(settings.value(QStringLiteral("tlsKeyFile")).toString());
    settings.endGroup();
    updateVisibility();
    if (m_tokens)
        m_tokens->load();
}

void ServerConfigForm::save(QSettings &settings) const
{
    settings.beginGroup(QStringLiteral("admin"));
    settings.setValue(QStringLiteral("listenAddress"), m_listenAddress->text().trimmed());
    settings.setValue(QStringLiteral("listenPort"), m_listenPort->value());
    settings.setValue(QStringLiteral("dataDir"),
                      QDir::fromNativeSeparators(m_dataDir->text().trimmed()));
    settings.setValue(QStringLiteral("notifier"), notifierKey(notifier()));
    settings.setValue(QStringLiteral("hasBotToken"), m_hasToken);
    settings.setValue(QStringLiteral("notifyCommand"), m_notifyCommand->text().trimmed());
    settings.setValue(QStringLiteral("maxConnections"), m_maxConnections->value());
    settings.setValue(QStringLiteral("requestsPerMinute"), m_requestsPerMinute->value());
    settings.setValue(QStringLiteral("burst"), m_burst->value());
    settings.setValue(QStringLiteral("codeLifetimeSeconds"), m_codeLifetime->value());
    settings.setValue(QStringLiteral("maxAttempts"), m_maxAttempts->value());
    settings.setValue(QStringLiteral("codeRequestsPerHour"), m_codeRequestsPerHour->value());
    const bool external
        = m_caMode->currentData().toInt() == static_cast<int>(ServerConfig::CaMode::External);
    settings.setValue(QStringLiteral("caMode"),
                      external ? QStringLiteral("external") : QStringLiteral("embedded"));
    settings.setValue(QStringLiteral("caNames"), m_caNames->text().trimmed());
    settings.setValue(QStringLiteral("externalCaUrl"), m_externalUrl->text().trimmed());
    settings.setValue(QStringLiteral("externalCaRootFile"), m_externalRoot->text().trimmed());
    settings.setValue(QStringLiteral("provisionerName"), m_provisionerName->text().trimmed());
    settings.setValue(QStringLiteral("provisionerKeyFile"), m_provisionerKey->text().trimmed());
    settings.setValue(QStringLiteral("provisionerPasswordFile"),
                      m_provisionerPassword->text().trimmed());
    settings.setValue(QStringLiteral("tlsCertificateFile"), m_tlsCertificate->text().trimmed());
    settings.setValue(QStringLiteral("tlsKeyFile"), m_tlsKey->text().trimmed());
    settings.endGroup();
}

Result<ServerConfig> ServerConfigForm::config() const
{
    const auto problem = [](const QString &text) { return Error(ErrorCode::InvalidInput, text); };
    ServerConfig config;

    QString address = m_listenAddress->text().trimmed();
    if (address.isEmpty() || address.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        address = QStringLiteral("127.0.0.1");
    if (address.startsWith(QLatin1Char('[')) && address.endsWith(QLatin1Char(']')))
        address = address.mid(1, address.size() - 2);
    QHostAddress host;
    if (!host.setAddress(address))
        return problem(tr("The listen address \"%1\" is not an IP address. Use 127.0.0.1 to "
                          "serve this computer only, or 0.0.0.0 to serve the network.")
                           .arg(m_listenAddress->text().trimmed()));
    config.listenAddress = host;
    config.listenPort = static_cast<quint16>(m_listenPort->value());

    const QString dataDir = m_dataDir->text().trimmed();
    if (dataDir.isEmpty())
        return problem(tr("Choose a data directory: it holds the CA keys, the database and "
                          "the audit log."));
    if (QDir::isRelativePath(QDir::fromNativeSeparators(dataDir)))
        return problem(tr("The data directory must be a full path, such as %1.")
                           .arg(QDir::toNativeSeparators(defaultDataDir())));
    if (QFileInfo fi(dataDir); fi.exists() && !fi.isDir())
        return problem(tr("The data directory %1 is a file, not a folder.").arg(dataDir));
    config.dataDir = QDir::fromNativeSeparators(dataDir);

    config.notifier = notifier();
    if (config.notifier == ServerConfig::NotifierKind::Command) {
        config.notifyCommand = m_notifyCommand->text().trimmed();
        if (config.notifyCommand.isEmpty())
            return problem(tr("The command notifier needs a program to run: fill in "
                              "\"Command\", or choose another notifier."));
    }
    if (config.notifier == ServerConfig::NotifierKind::Telegram && !m_hasToken)
        return problem(tr("The Telegram notifier needs the bot's token: type it in \"Bot "
                          "token\" and save it, or choose the console notifier."));

    config.limits.maxConnections = m_maxConnections->value();
    config.limits.requestsPerSecond = m_requestsPerMinute->value() / 60.0;
    config.limits.burst = m_burst->value();
    config.policy.codeLifetime = std::chrono::seconds(m_codeLifetime->value());
    config.policy.maxAttempts = m_maxAttempts->value();
    config.policy.codeRequestsPerAddressPerHour = m_codeRequestsPerHour->value();

    const bool external
        = m_caMode->currentData().toInt() == static_cast<int>(ServerConfig::CaMode::External);
    if (external) {
        config.caMode = ServerConfig::CaMode::External;
        config.externalCaUrl = QUrl(m_externalUrl->text().trimmed());
        if (!config.externalCaUrl.isValid()
            || config.externalCaUrl.scheme() != QLatin1String("https")
            || config.externalCaUrl.host().isEmpty())
            return problem(tr("The external CA's URL must be an https address, such as "
                              "https://ca.example.org:9000."));
        const struct
        {
            QLineEdit *edit;
            QString *field;
            QString what;
            bool required;
        } files[] = {
            {m_externalRoot, &config.externalCaRootFile, tr("the external CA's root certificate"),
             true},
            {m_provisionerKey, &config.provisionerKeyFile, tr("the provisioner's key"), true},
            {m_provisionerPassword, &config.provisionerPasswordFile,
             tr("the provisioner's password file"), false},
            {m_tlsCertificate, &config.tlsCertificateFile, tr("the server's TLS certificate"),
             true},
            {m_tlsKey, &config.tlsKeyFile, tr("the server's TLS key"), true},
        };
        for (const auto &file : files) {
            const QString path = QDir::fromNativeSeparators(file.edit->text().trimmed());
            if (path.isEmpty() && file.required)
                return problem(tr("An external CA needs %1: choose its file.").arg(file.what));
            if (!path.isEmpty() && !QFileInfo(path).isFile())
                return problem(tr("The file for %1 does not exist: %2")
                                   .arg(file.what, QDir::toNativeSeparators(path)));
            *file.field = path;
        }
        config.provisionerName = m_provisionerName->text().trimmed();
        if (config.provisionerName.isEmpty())
            return problem(tr("An external CA needs the name of its JWK provisioner."));
    } else {
        config.caMode = ServerConfig::CaMode::Embedded;
        const QStringList names = m_caNames->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &name : names) {
            if (!name.trimmed().isEmpty())
                config.caDnsNames << name.trimmed();
        }
    }

    if (auto finished = config.finish(); !finished)
        return problem(tr("The configuration is not complete: %1").arg(finished.error().message()));
    return config;
}

} // namespace certigram
