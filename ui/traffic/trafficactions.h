#pragma once

#include <QObject>

#include <vector>

class QAction;
class QTableView;
class QWidget;

namespace core {
class Workbench;
}

namespace ui {

class TrafficModel;

// What can be done with the traffic log's records: copy the selected payloads as escaped text,
// hex or Python bytes literals (one line per record), and export the shown or selected records
// (text dump, CSV) or one socket's bytes in one direction (raw). Keeps the actions enabled only
// when they have something to work on; the panel places them in its toolbar and context menu.
class TrafficActions final : public QObject
{
    Q_OBJECT
public:
    TrafficActions(core::Workbench &workbench, TrafficModel *model, QTableView *view);

    QAction *copyTextAction() const { return m_copyText; }
    QAction *copyHexAction() const { return m_copyHex; }
    QAction *copyPythonAction() const { return m_copyPython; }
    QAction *exportAction() const { return m_export; }

private:
    QAction *addAction(const char *name, const QString &text, const QString &iconText, const QString &icon,
                       const QString &toolTip);
    void updateEnabled();
    std::vector<qsizetype> selectedRecords() const;
    void copyPayloads(QString (*spell)(QByteArrayView));
    void exportRecords();

    core::Workbench &m_workbench;
    TrafficModel *m_model;
    QTableView *m_view;
    QAction *m_copyText = nullptr;
    QAction *m_copyHex = nullptr;
    QAction *m_copyPython = nullptr;
    QAction *m_export = nullptr;
};

} // namespace ui
