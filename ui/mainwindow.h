#pragma once

#include <QMainWindow>

namespace core {
class Workbench;
}

namespace ui {

// The main window: places the panels and wires them to the workbench. Owns no sockets.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(core::Workbench &workbench, QWidget *parent = nullptr);

private:
    core::Workbench &m_workbench;
};

} // namespace ui
