#pragma once

#include <QDialog>
#include <QSet>
#include <QString>

#include <optional>

#include "store/records.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace sb::ui {

/// Add or edit one outbound route: pattern (checked with
/// sb::config::checkRoutePattern), digits to strip, digits to prepend
/// (checkPrepend), the target line or trunk and an optional failover (both
/// chosen from the configuration's lines and trunks). The reason shows under
/// the field; OK stays disabled (accept() refuses too) while anything is
/// invalid. Where the route sits in the list is the Routes tab's business.
class RouteDialog final : public QDialog {
    Q_OBJECT
public:
    /// @param config   the snapshot whose lines and trunks a route may target
    /// @param original the route to edit, or std::nullopt to add one
    RouteDialog(const sb::store::Configuration& config, const std::optional<sb::store::Route>& original,
                QWidget* parent = nullptr);

    /// The route as entered.
    sb::store::Route route() const;
    bool isEditing() const { return m_editing; }
    bool isInputValid() const;

public slots:
    void accept() override;

private slots:
    void validate();

private:
    void load(const sb::store::Route& route);
    QString patternProblem() const;
    QString prependProblem() const;
    QString targetProblem() const;
    QString failoverProblem() const;

    bool m_editing = false;
    QSet<QString> m_names;  ///< lines and trunks that exist
    QLineEdit* m_pattern;
    QLabel* m_patternProblem;
    QSpinBox* m_strip;
    QLineEdit* m_prepend;
    QLabel* m_prependProblem;
    QComboBox* m_target;
    QLabel* m_targetProblem;
    QComboBox* m_failover;
    QLabel* m_failoverProblem;
    QListWidget* m_allowed = nullptr;  ///< checkable extensions; none checked = all may use the route
    QDialogButtonBox* m_buttons;
};

/// Fill @p combo with the lines and trunks of @p config ("ims (line)"), the
/// item data being the name; with @p noneText non-empty, a first item with
/// empty data stands for "none".
void fillTargetCombo(QComboBox* combo, const sb::store::Configuration& config, const QString& noneText);

}  // namespace sb::ui
