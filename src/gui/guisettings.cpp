#include "guisettings.h"

#include <algorithm>

namespace certigram {

namespace {
const QString kAutoRenew = QStringLiteral("renewal/automatic");
const QString kRenewAt = QStringLiteral("renewal/at");
const QString kStartMinimized = QStringLiteral("window/startMinimized");
const QString kLanguage = QStringLiteral("language");
const QString kAdminMode = QStringLiteral("admin/enabled");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
} // namespace

bool GuiSettings::autoRenew() const
{
    return m_settings.value(kAutoRenew, true).toBool();
}

void GuiSettings::setAutoRenew(bool on)
{
    m_settings.setValue(kAutoRenew, on);
}

double GuiSettings::renewAt() const
{
    return std::clamp(m_settings.value(kRenewAt, 2.0 / 3.0).toDouble(), 0.05, 0.99);
}

void GuiSettings::setRenewAt(double fraction)
{
    m_settings.setValue(kRenewAt, fraction);
}

bool GuiSettings::startMinimized() const
{
    return m_settings.value(kStartMinimized, false).toBool();
}

void GuiSettings::setStartMinimized(bool on)
{
    m_settings.setValue(kStartMinimized, on);
}

QString GuiSettings::language() const
{
    return m_settings.value(kLanguage).toString();
}

void GuiSettings::setLanguage(const QString &language)
{
    m_settings.setValue(kLanguage, language);
}

bool GuiSettings::adminMode() const
{
    return m_settings.value(kAdminMode, false).toBool();
}

void GuiSettings::setAdminMode(bool on)
{
    m_settings.setValue(kAdminMode, on);
}

QByteArray GuiSettings::windowGeometry() const
{
    return m_settings.value(kGeometry).toByteArray();
}

void GuiSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(kGeometry, geometry);
}

QByteArray GuiSettings::windowState() const
{
    return m_settings.value(kState).toByteArray();
}

void GuiSettings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(kState, state);
}

} // namespace certigram
