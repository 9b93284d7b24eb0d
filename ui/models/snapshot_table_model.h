#pragma once

#include <QAbstractTableModel>

#include <vector>

namespace sb::ui {

/// Base of the configuration tables: a copy of one list of the last
/// ConfigurationChanged snapshot. A new snapshot resets the model, unless
/// this list is unchanged (then views keep their selection and scroll).
template <class Record>
class SnapshotTableModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : static_cast<int>(m_records.size());
    }

    /// @return true when the list differed and the model was reset
    bool setRecords(const std::vector<Record>& records) {
        if (records == m_records) return false;
        beginResetModel();
        m_records = records;
        recordsReplaced();
        endResetModel();
        return true;
    }

    const std::vector<Record>& records() const { return m_records; }

protected:
    /// Called inside the reset, after the records changed and before views
    /// hear of it: rebuild indexes over the records here.
    virtual void recordsReplaced() {}

    const Record& recordAt(int row) const { return m_records[static_cast<size_t>(row)]; }

    bool validIndex(const QModelIndex& index) const {
        return checkIndex(index, QAbstractItemModel::CheckIndexOption::IndexIsValid |
                                     QAbstractItemModel::CheckIndexOption::ParentIsInvalid);
    }

private:
    std::vector<Record> m_records;
};

}  // namespace sb::ui
