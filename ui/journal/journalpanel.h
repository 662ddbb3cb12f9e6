#pragma once

#include <QWidget>

class QAction;
class QToolBar;
class QTableView;

namespace core {
class Workbench;
}

namespace ui {

class JournalModel;

// The journal panel (the main window docks it): every call of the session as Python, live. Follows the newest call only when
// the view is already at the bottom; copies the calls as an interactive transcript, exports them
// as a script python3 runs, and cancels a call that is still waiting.
class JournalPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit JournalPanel(core::Workbench &workbench, QWidget *parent = nullptr);

    JournalModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

    // Writes pythonScript() of the session to path; on failure says why in *error.
    bool exportScript(const QString &path, QString *error);

private:
    QAction *addTool(const QString &label, const QString &toolTip, void (JournalPanel::*slot)());
    QList<int> selectedRows() const;
    int currentPendingRow() const;
    void copyTranscript();
    void chooseExportFile();
    void cancelSelected();
    void updateActions();
    void rememberTail();
    void followTail();

    core::Workbench &m_workbench;
    JournalModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QToolBar *m_toolBar = nullptr;
    QAction *m_cancel = nullptr;
    bool m_atBottom = true;
};

} // namespace ui
