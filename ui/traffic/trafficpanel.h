#pragma once

#include "core/net/socketaddress.h"

#include <QList>
#include <QPair>
#include <QTimer>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QTableView;
class QToolBar;
class QToolButton;

namespace core {
class Workbench;
}

namespace ui {

class HexDumpView;
class SocketChoiceModel;
class TrafficActions;
class TrafficModel;

// The traffic log as the main window docks it: a filter bar (socket, direction, payload text),
// the live table of records, which follows the tail only while it is scrolled to the bottom, the
// selected record's hex dump under it, and the copy/export actions (TrafficActions) in a small
// toolbar and the table's context menu.
class TrafficPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit TrafficPanel(core::Workbench &workbench, QWidget *parent = nullptr);

    TrafficModel *model() const;
    QTableView *view() const;

public slots:
    void setSocketFilter(int socketId); // -1 = all sockets

signals:
    // The user selected a record: its socket and peer (for "reply to this peer" in the composer).
    void recordChosen(int socketId, const core::SocketAddress &peer);

private:
    void setUpView();
    // The record actions and Clear filter, in the toolbar and the table's context menu.
    void placeActions();
    QWidget *createFilterBar();
    void applyTextFilter();
    void clearFilters();
    void rememberPosition();
    void followTail();
    void restorePosition();
    void currentRowChanged(const QModelIndex &current);
    void updateClearFilter();
    void updateCounts(qsizetype shown, qsizetype seen);

    core::Workbench &m_workbench;
    TrafficModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    HexDumpView *m_dump = nullptr;
    QComboBox *m_socketCombo = nullptr;
    SocketChoiceModel *m_socketChoices = nullptr;
    QComboBox *m_directionCombo = nullptr;
    QLineEdit *m_textFilter = nullptr;
    QToolBar *m_toolBar = nullptr;
    QLabel *m_countLabel = nullptr;
    TrafficActions *m_actions = nullptr;
    QAction *m_clearFilterAction = nullptr;
    QToolButton *m_clearFilterButton = nullptr;

    QTimer m_textTimer;   // applies the text filter once typing pauses
    QTimer m_socketTimer; // refreshes the socket list at most a few times a second

    // Saved before rows arrive or the filters change, so the view can follow or stay put.
    bool m_wasAtBottom = true;
    qsizetype m_currentRecord = -1;
};

} // namespace ui
