#pragma once

#include <QAbstractTableModel>
#include <QHash>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace sb::ui {

/// Base of the live tables (calls, registrations): plain row structs in a
/// vector plus a key→row index. A batch of changes is coalesced (the last
/// change per key wins) and applied with the narrowest notifications:
/// removals in contiguous runs, dataChanged for exactly the rows whose
/// content changed, then one beginInsertRows for every new key.
template <class Row, class Key>
class KeyedTableModel : public QAbstractTableModel {
public:
    /// A row to insert or replace, or std::nullopt to remove the key.
    using Change = std::pair<Key, std::optional<Row>>;

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }

    /// Row number of @p key, or -1.
    int rowOf(const Key& key) const { return m_index.value(key, -1); }

protected:
    const Row& rowAt(int row) const { return m_rows[static_cast<size_t>(row)]; }
    const std::vector<Row>& rows() const { return m_rows; }

    void applyChanges(const std::vector<Change>& changes) {
        QHash<Key, size_t> last;
        for (size_t i = 0; i < changes.size(); ++i) last.insert(changes[i].first, i);

        removeRuns(changes, last);

        std::vector<Row> added;
        for (size_t i = 0; i < changes.size(); ++i) {
            const auto& [key, row] = changes[i];
            if (last.value(key) != i || !row) continue;
            const int at = rowOf(key);
            if (at < 0) {
                added.push_back(*row);
                continue;
            }
            Row& current = m_rows[static_cast<size_t>(at)];
            if (current == *row) continue;
            current = *row;
            emit dataChanged(index(at, 0), index(at, columnCount() - 1));
        }
        if (added.empty()) return;
        const int first = rowCount();
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        for (auto& row : added) {
            m_index.insert(row.key(), static_cast<int>(m_rows.size()));
            m_rows.push_back(std::move(row));
        }
        endInsertRows();
    }

private:
    void removeRuns(const std::vector<Change>& changes, const QHash<Key, size_t>& last) {
        std::vector<int> doomed;
        for (auto it = last.cbegin(); it != last.cend(); ++it) {
            const int at = rowOf(it.key());
            if (at >= 0 && !changes[it.value()].second) doomed.push_back(at);
        }
        if (doomed.empty()) return;
        std::sort(doomed.begin(), doomed.end());
        // Remove from the end so earlier row numbers stay valid.
        size_t end = doomed.size();
        while (end > 0) {
            size_t begin = end - 1;
            while (begin > 0 && doomed[begin - 1] + 1 == doomed[begin]) --begin;
            const int firstRow = doomed[begin];
            const int lastRow = doomed[end - 1];
            beginRemoveRows({}, firstRow, lastRow);
            m_rows.erase(m_rows.begin() + firstRow, m_rows.begin() + lastRow + 1);
            endRemoveRows();
            end = begin;
        }
        m_index.clear();
        for (size_t i = 0; i < m_rows.size(); ++i) m_index.insert(m_rows[i].key(), static_cast<int>(i));
    }

    std::vector<Row> m_rows;
    QHash<Key, int> m_index;
};

}  // namespace sb::ui
