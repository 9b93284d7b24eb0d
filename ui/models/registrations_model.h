#pragma once

#include <QString>
#include <QTimer>

#include <functional>
#include <vector>

#include "engine/events.h"
#include "models/keyed_table_model.h"

namespace sb::ui {

using RegistrationChanges = std::vector<sb::RegistrationChanged>;

/// One binding of an extension (an extension may have several contacts).
struct RegistrationRow {
    QString extension;
    QString contact;
    QString source;
    QString transport;
    QString userAgent;
    qint64 expiresAtMs = 0;
    bool reachable = true;  ///< false while qualify pings go unanswered

    /// A binding is identified by its extension and contact URI.
    QString key() const { return extension + QLatin1Char('\n') + contact; }
    bool operator==(const RegistrationRow&) const = default;
};

/// Bindings of local extensions, fed by RegistrationChanged in drained
/// batches (one coalesced update per batch, not one per event). The
/// "Expires in" column counts down once a second.
class RegistrationsModel final : public KeyedTableModel<RegistrationRow, QString> {
    Q_OBJECT
public:
    enum Column : int { Extension, Contact, Source, Transport, UserAgent, ExpiresIn, Reachable, ColumnCount };

    using Clock = std::function<qint64()>;

    explicit RegistrationsModel(QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setClock(Clock clock);
    /// Seconds until @p row expires (0 once expired).
    qint64 expiresInS(int row) const;

public slots:
    void apply(const sb::ui::RegistrationChanges& changes);
    void update(const sb::RegistrationChanged& change);
    void tick();

private:
    QTimer m_ticker;
    Clock m_clock;
};

}  // namespace sb::ui
