#pragma once

#include <QGroupBox>
#include <QString>

#include <functional>
#include <vector>

#include "config/carrier_profile.h"

class QComboBox;
class QLabel;
class QPushButton;

namespace sb::ui {

/// The carrier profiles shipped in the resources (:/profiles), in file name
/// order; a profile that does not parse is left out.
std::vector<sb::config::CarrierProfile> shippedCarrierProfiles();

/// "Carrier profile" box at the top of the line and trunk dialogs: a list
/// of presets (those shipped in the resources under :/profiles and those
/// imported this session) with Apply, Import… and Export…. Apply hands the
/// chosen profile to the dialog, which puts its settings in the fields;
/// the profile's notes (what is still to fill in) show under the list, as
/// does the reason when a file cannot be imported or saved. Reading,
/// checking and writing profiles is the core's (config/carrier_profile).
class CarrierProfileBar final : public QGroupBox {
    Q_OBJECT
public:
    enum class Target : int { Line = 1, Trunk };
    /// The dialog's current settings as a profile named @p name, for Export.
    using Current = std::function<sb::config::CarrierProfile(const std::string& name)>;

    CarrierProfileBar(Target target, Current current, QWidget* parent = nullptr);

    /// The profiles offered, in list order.
    const std::vector<sb::config::CarrierProfile>& profiles() const { return m_profiles; }
    /// Choose the profile called @p name; false when none is.
    bool select(const QString& name);
    /// The text under the list (notes of the applied profile, or an error).
    QString message() const;

    /// Add the profile in @p path to the list and select it. On failure
    /// the reason shows under the list and false is returned.
    bool importFrom(const QString& path);
    /// Save the dialog's current settings as a profile to @p path.
    bool exportTo(const QString& path);

public slots:
    /// Emit applyRequested() for the selected profile and show its notes.
    void applySelected();

signals:
    void applyRequested(const sb::config::CarrierProfile& profile);

private:
    void loadShipped();
    void add(const sb::config::CarrierProfile& profile);
    bool fits(const sb::config::CarrierProfile& profile) const;
    void showMessage(const QString& text, bool error);
    void chooseImport();
    void chooseExport();

    Target m_target;
    Current m_current;
    std::vector<sb::config::CarrierProfile> m_profiles;
    QComboBox* m_list;
    QPushButton* m_apply;
    QPushButton* m_import;
    QPushButton* m_export;
    QLabel* m_message;
};

}  // namespace sb::ui
