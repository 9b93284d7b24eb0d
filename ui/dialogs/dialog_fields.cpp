#include "dialogs/dialog_fields.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QLayout>
#include <QPalette>

#include <algorithm>

namespace sb::ui {

/// The translation context of these free functions (lupdate reads it from here).
struct DialogFields {
    Q_DECLARE_TR_FUNCTIONS(sb::ui::DialogFields)
};

QString reasonOf(const sb::config::Check& check) {
    return check ? QString::fromStdString(*check) : QString();
}

QLabel* makeProblemLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb0, 0x20, 0x20));
    label->setPalette(palette);
    label->hide();
    return label;
}

void showProblem(QLabel* label, const QString& problem) {
    label->setText(problem);
    label->setVisible(!problem.isEmpty());
}

void growToFit(QWidget* dialog) {
    QLayout* layout = dialog->layout();
    if (!layout || !dialog->isVisible()) return;
    layout->activate();
    const int needed = layout->hasHeightForWidth() ? layout->totalHeightForWidth(dialog->width())
                                                   : layout->totalSizeHint().height();
    if (needed > dialog->height()) dialog->resize(dialog->width(), needed);
}

QLabel* makeHintLabel(const QString& text, const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QComboBox* makeTransportCombo(const QString& objectName, QWidget* parent) {
    auto* combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    using sb::store::Transport;
    combo->addItem(DialogFields::tr("UDP"), static_cast<int>(Transport::Udp));
    combo->addItem(DialogFields::tr("TCP"), static_cast<int>(Transport::Tcp));
    combo->addItem(DialogFields::tr("TLS"), static_cast<int>(Transport::Tls));
    return combo;
}

void setTransport(QComboBox* combo, sb::store::Transport transport) {
    combo->setCurrentIndex(std::max(0, combo->findData(static_cast<int>(transport))));
}

sb::store::Transport transportOf(const QComboBox* combo) {
    return static_cast<sb::store::Transport>(combo->currentData().toInt());
}

void fillExtensionCombo(QComboBox* combo, const sb::store::Configuration& config, const QString& noneText) {
    combo->clear();
    if (!noneText.isEmpty()) combo->addItem(noneText, QString());
    for (const auto& e : config.extensions) {
        const QString number = QString::fromStdString(e.number);
        const QString label =
            e.name.empty() ? number : DialogFields::tr("%1 — %2").arg(number, QString::fromStdString(e.name));
        combo->addItem(label, number);
    }
    // Incoming calls may also go to an auto-attendant menu.
    for (const auto& m : config.menus) {
        const QString number = QString::fromStdString(m.number);
        combo->addItem(DialogFields::tr("%1 — auto attendant %2").arg(number, QString::fromStdString(m.name)), number);
    }
}

void selectExtension(QComboBox* combo, const QString& number) {
    int at = combo->findData(number);
    if (at < 0) {
        combo->addItem(DialogFields::tr("%1 (no such extension)").arg(number), number);
        at = combo->count() - 1;
    }
    combo->setCurrentIndex(at);
}

QString extensionOf(const QComboBox* combo) {
    return combo->currentData().toString();
}

TakenNames::TakenNames(const sb::store::Configuration& config, const QString& except) {
    for (const auto& l : config.lines)
        if (QString::fromStdString(l.name) != except) m_isLine.insert(QString::fromStdString(l.name), true);
    for (const auto& t : config.trunks)
        if (QString::fromStdString(t.name) != except) m_isLine.insert(QString::fromStdString(t.name), false);
}

QString TakenNames::problem(const QString& name) const {
    const auto it = m_isLine.constFind(name);
    if (it == m_isLine.constEnd()) return {};
    return it.value() ? DialogFields::tr("\"%1\" is already used by an external line").arg(name)
                      : DialogFields::tr("\"%1\" is already used by a SIP trunk").arg(name);
}

QString nameProblem(const QString& name, const TakenNames& taken) {
    if (QString why = reasonOf(sb::config::checkName(name.toStdString())); !why.isEmpty()) return why;
    return taken.problem(name);
}

}  // namespace sb::ui
