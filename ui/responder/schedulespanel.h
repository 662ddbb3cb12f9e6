#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;
class QTimer;

namespace core {
class Workbench;
}

namespace ui {

// The repeated and burst sends, running and ended: which socket, what, how often, how many sent
// (and late or failed), and why each ended. Each running one can be stopped. Refreshed while
// shown, and only while one runs.
class SchedulesPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit SchedulesPanel(core::Workbench &workbench, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QPushButton *stopButton() const { return m_stop; }

public slots:
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void stopSelected();
    void stopAll();

    core::Workbench &m_workbench;
    QTableWidget *m_table;
    QPushButton *m_stop;
    QPushButton *m_stopAll;
    QLabel *m_summary;
    QTimer *m_timer;
};

} // namespace ui
