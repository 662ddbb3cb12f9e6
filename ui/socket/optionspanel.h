#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace core {
class CallWatcher;
class Workbench;
}

namespace ui {


// The named socket options of the selected socket: each with its level, what it does and its
// current value, kept live from the socket's snapshot. getsockopt and setsockopt are the journaled
// calls. A value typed for setsockopt is checked as it is typed; a bad one is explained and
// nothing is set.
class OptionsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit OptionsPanel(core::Workbench &workbench, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLineEdit *valueField() const { return m_value; }

public slots:
    void setSocket(int socketId);
    void readSelected();
    void setSelected();

private:
    void showValues();
    int selectedRow() const;
    void readRow(int row);
    void validate();

    core::Workbench &m_workbench;
    core::CallWatcher *m_watcher;
    int m_socketId = -1;
    QTableWidget *m_table;
    QLineEdit *m_value;
    QLabel *m_error;
    QPushButton *m_set;
};

} // namespace ui
