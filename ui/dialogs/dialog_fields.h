#pragma once

// Small building blocks the configuration dialogs share: the red "why not"
// label under a field, the transport and extension combos, and the names a
// line or trunk may not take.

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <string>

#include "config/validation.h"
#include "store/records.h"

class QComboBox;
class QLabel;
class QWidget;

namespace sb::ui {

/// The core's checks speak std::string; an accepted value gives an empty reason.
QString reasonOf(const sb::config::Check& check);

/// A hidden, word-wrapping, red label for a field's problem.
QLabel* makeProblemLabel(const QString& objectName, QWidget* parent);

/// Show @p problem in @p label, or hide the label when it is empty.
void showProblem(QLabel* label, const QString& problem);

/// Make @p dialog tall enough for its content at its current width (a
/// problem label that appeared must not squeeze the fields); never shrinks
/// it, so a size the user chose stays.
void growToFit(QWidget* dialog);

/// A grey, word-wrapping hint under a field.
QLabel* makeHintLabel(const QString& text, const QString& objectName, QWidget* parent);

/// UDP / TCP / TLS, the item data being the sb::store::Transport value.
QComboBox* makeTransportCombo(const QString& objectName, QWidget* parent);
void setTransport(QComboBox* combo, sb::store::Transport transport);
sb::store::Transport transportOf(const QComboBox* combo);

/// Fill @p combo with the extensions of @p config ("100 — Reception") and
/// then its auto-attendant menus ("500 — auto attendant Main"): where an
/// incoming call may go. The item data is the number; with @p noneText
/// non-empty, a first item with empty data stands for "none".
void fillExtensionCombo(QComboBox* combo, const sb::store::Configuration& config, const QString& noneText);
/// Select extension @p number; one the list lacks is added (marked as
/// missing) so that loading and saving a record never changes it.
void selectExtension(QComboBox* combo, const QString& number);
/// The number the combo names ("" for none).
QString extensionOf(const QComboBox* combo);

/// Names of lines and trunks other than @p except, each with what it is
/// ("line", "trunk"): names are unique across both lists.
class TakenNames {
public:
    TakenNames(const sb::store::Configuration& config, const QString& except);
    /// Why @p name cannot be used, or empty when it is free.
    QString problem(const QString& name) const;

private:
    QHash<QString, bool> m_isLine;  ///< name → true for a line, false for a trunk
};

/// checkName() plus uniqueness among lines and trunks.
QString nameProblem(const QString& name, const TakenNames& taken);

}  // namespace sb::ui
