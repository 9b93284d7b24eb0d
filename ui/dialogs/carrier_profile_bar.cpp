#include "dialogs/carrier_profile_bar.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "config/validation.h"
#include "models/model_roles.h"

namespace sb::ui {

CarrierProfileBar::CarrierProfileBar(Target target, Current current, QWidget* parent)
    : QGroupBox(tr("Carrier profile"), parent), m_target(target), m_current(std::move(current)) {
    setObjectName(QStringLiteral("carrierProfileBar"));
    m_list = new QComboBox(this);
    m_list->setObjectName(QStringLiteral("profileCombo"));
    m_list->setToolTip(tr("Settings a carrier is known to need, in one click"));
    m_apply = new QPushButton(tr("A&pply"), this);
    m_apply->setObjectName(QStringLiteral("applyProfileButton"));
    m_apply->setToolTip(tr("Put the profile's settings in the fields below (nothing is saved until OK)"));
    m_import = new QPushButton(tr("I&mport…"), this);
    m_import->setObjectName(QStringLiteral("importProfileButton"));
    m_import->setToolTip(tr("Add a profile from a file, e.g. one a carrier's support desk sent"));
    m_export = new QPushButton(tr("E&xport…"), this);
    m_export->setObjectName(QStringLiteral("exportProfileButton"));
    m_export->setToolTip(tr("Save the settings below as a profile file, to use for another line or site"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("profileMessage"));
    m_message->setWordWrap(true);
    m_message->hide();

    auto* row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addWidget(m_apply);
    row->addWidget(m_import);
    row->addWidget(m_export);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_message);

    loadShipped();
    m_apply->setEnabled(!m_profiles.empty());
    connect(m_apply, &QPushButton::clicked, this, &CarrierProfileBar::applySelected);
    connect(m_import, &QPushButton::clicked, this, &CarrierProfileBar::chooseImport);
    connect(m_export, &QPushButton::clicked, this, &CarrierProfileBar::chooseExport);
    connect(m_list, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0 && static_cast<size_t>(index) < m_profiles.size())
            m_list->setToolTip(qs(m_profiles[static_cast<size_t>(index)].description));
    });
}

bool CarrierProfileBar::fits(const sb::config::CarrierProfile& profile) const {
    return m_target == Target::Line ? profile.forLines : profile.forTrunks;
}

std::vector<sb::config::CarrierProfile> shippedCarrierProfiles() {
    std::vector<sb::config::CarrierProfile> out;
    const QDir dir(QStringLiteral(":/profiles"));
    for (const QString& file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly)) continue;
        const QByteArray text = f.readAll();
        // The unit tests check every shipped profile; a bad one is left out.
        auto parsed =
            sb::config::parseCarrierProfile(std::string_view(text.constData(), size_t(text.size())));
        if (parsed) out.push_back(std::move(parsed.value()));
    }
    return out;
}

void CarrierProfileBar::loadShipped() {
    for (const auto& profile : shippedCarrierProfiles())
        if (fits(profile)) add(profile);
}

void CarrierProfileBar::add(const sb::config::CarrierProfile& profile) {
    m_profiles.push_back(profile);
    m_list->addItem(qs(profile.name));
    m_apply->setEnabled(true);
}

bool CarrierProfileBar::select(const QString& name) {
    const int index = m_list->findText(name);
    if (index < 0) return false;
    m_list->setCurrentIndex(index);
    return true;
}

QString CarrierProfileBar::message() const {
    return m_message->isHidden() ? QString() : m_message->text();
}

void CarrierProfileBar::showMessage(const QString& text, bool error) {
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    m_message->setVisible(!text.isEmpty());
}

void CarrierProfileBar::applySelected() {
    const int index = m_list->currentIndex();
    if (index < 0 || static_cast<size_t>(index) >= m_profiles.size()) return;
    const auto profile = m_profiles[static_cast<size_t>(index)];
    emit applyRequested(profile);
    QString text = tr("Applied \"%1\".").arg(qs(profile.name));
    if (!profile.notes.empty()) text += QLatin1Char(' ') + qs(profile.notes);
    showMessage(text, false);
}

bool CarrierProfileBar::importFrom(const QString& path) {
    auto profile = sb::config::readCarrierProfileFile(path.toStdString());
    if (!profile) {
        showMessage(tr("The profile could not be imported:\n%1").arg(qs(profile.error().message)), true);
        return false;
    }
    if (!fits(profile.value())) {
        showMessage(
            m_target == Target::Line
                ? tr("\"%1\" is a profile for SIP trunks, not for external lines.").arg(qs(profile->name))
                : tr("\"%1\" is a profile for external lines, not for SIP trunks.").arg(qs(profile->name)),
            true);
        return false;
    }
    const int existing = m_list->findText(qs(profile->name));
    if (existing >= 0) {
        m_profiles[static_cast<size_t>(existing)] = profile.value();  // a newer copy of the same preset
    } else {
        add(profile.value());
    }
    select(qs(profile->name));
    showMessage(tr("Imported \"%1\": press Apply to use it.").arg(qs(profile->name)), false);
    return true;
}

bool CarrierProfileBar::exportTo(const QString& path) {
    // The file's name names the profile; one the core would refuse does not.
    const std::string base = QFileInfo(path).completeBaseName().left(64).trimmed().toStdString();
    auto profile = m_current(sb::config::checkName(base) ? std::string("Exported profile") : base);
    auto written = sb::config::writeCarrierProfileFile(path.toStdString(), profile);
    if (!written) {
        showMessage(tr("The profile could not be saved:\n%1").arg(qs(written.error().message)), true);
        return false;
    }
    showMessage(tr("Saved the settings below as profile %1.").arg(QDir::toNativeSeparators(path)), false);
    return true;
}

void CarrierProfileBar::chooseImport() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import carrier profile"), QDir::homePath(),
                                                      tr("Carrier profiles (*.json);;All files (*)"));
    if (!path.isEmpty()) importFrom(path);
}

void CarrierProfileBar::chooseExport() {
    QString path = QFileDialog::getSaveFileName(this, tr("Export carrier profile"),
                                                QDir::home().filePath(QStringLiteral("carrier-profile.json")),
                                                tr("Carrier profiles (*.json);;All files (*)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QLatin1String(".json");
    exportTo(path);
}

}  // namespace sb::ui
