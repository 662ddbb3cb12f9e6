#include "ui/traffic/trafficactions.h"

#include "ui/traffic/trafficexportdialog.h"
#include "ui/traffic/trafficmodel.h"

#include "core/export/pcapngexport.h"
#include "core/export/trafficexport.h"
#include "core/text/payload.h"
#include "core/workbench.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QMessageBox>
#include <QSaveFile>
#include <QTableView>

#include <algorithm>

namespace ui {

namespace {

QString escapedPayload(QByteArrayView bytes)
{
    return core::escapedText(bytes);
}

} // namespace

TrafficActions::TrafficActions(core::Workbench &workbench, TrafficModel *model, QTableView *view)
    : QObject(view)
    , m_workbench(workbench)
    , m_model(model)
    , m_view(view)
{
    m_copyText = addAction("copyText", tr("Copy as &Text"), tr("Copy text"), QStringLiteral("edit-copy"),
                           tr("Copy the selected records' bytes as text with escapes (\\r \\n \\xNN)"));
    m_copyText->setShortcut(QKeySequence::Copy);
    m_copyText->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copyHex = addAction("copyHex", tr("Copy as &Hex"), tr("Copy hex"), QStringLiteral("edit-copy"),
                          tr("Copy the selected records' bytes as hex digits"));
    m_copyPython = addAction("copyPython", tr("Copy as &Python Bytes"), tr("Copy bytes"), QStringLiteral("edit-copy"),
                             tr("Copy the selected records' bytes as Python bytes literals (b'...')"));
    m_export = addAction("export", tr("&Export\u2026"), tr("Export\u2026"), QStringLiteral("document-save-as"),
                         tr("Write the records to a text dump or CSV, or one socket's bytes to a file"));

    connect(m_copyText, &QAction::triggered, this, [this] { copyPayloads(&escapedPayload); });
    connect(m_copyHex, &QAction::triggered, this, [this] { copyPayloads(&core::spacedHex); });
    connect(m_copyPython, &QAction::triggered, this, [this] { copyPayloads(&core::pythonBytesLiteral); });
    connect(m_export, &QAction::triggered, this, &TrafficActions::exportRecords);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TrafficActions::updateEnabled);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TrafficActions::updateEnabled);
    connect(m_model, &TrafficModel::countsChanged, this, [this] {
        if (!m_export->isEnabled())
            updateEnabled();
    });
    updateEnabled();
}

QAction *TrafficActions::addAction(const char *name, const QString &text, const QString &iconText,
                                   const QString &icon, const QString &toolTip)
{
    auto *action = new QAction(QIcon::fromTheme(icon), text, this);
    action->setObjectName(QLatin1String(name));
    action->setIconText(iconText);
    action->setToolTip(toolTip);
    return action;
}

void TrafficActions::updateEnabled()
{
    const bool selected = m_view->selectionModel()->hasSelection();
    m_copyText->setEnabled(selected);
    m_copyHex->setEnabled(selected);
    m_copyPython->setEnabled(selected);
    m_export->setEnabled(m_model->seenCount() > 0);
}

std::vector<qsizetype> TrafficActions::selectedRecords() const
{
    std::vector<qsizetype> records;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        records.push_back(m_model->recordIndex(index.row()));
    std::sort(records.begin(), records.end());
    return records;
}

void TrafficActions::copyPayloads(QString (*spell)(QByteArrayView))
{
    QStringList lines;
    const core::TrafficStore &store = m_workbench.traffic();
    for (const qsizetype index : selectedRecords()) {
        const core::TrafficRecord record = store.at(index);
        // EOF and error rows carry no bytes; an empty line for them would only mislead.
        if (record.length > 0)
            lines << spell(store.payload(record));
    }
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

void TrafficActions::exportRecords()
{
    const std::vector<qsizetype> selected = selectedRecords();
    TrafficExportDialog options(m_workbench.sockets(), m_model->rowCount(), qsizetype(selected.size()), m_view);
    const core::TrafficRecord current = m_model->record(m_view->currentIndex().row());
    const TrafficModel::DirectionFilter direction = m_model->directionFilter();
    options.setRawSource(m_model->socketFilter() >= 0 ? m_model->socketFilter() : current.socketId,
                         direction == TrafficModel::DirectionFilter::Out  ? core::Direction::Out
                         : direction == TrafficModel::DirectionFilter::In ? core::Direction::In
                                                                          : current.direction);
    if (options.exec() != QDialog::Accepted)
        return;

    QFileDialog files(m_view, tr("Export traffic"));
    files.setOption(QFileDialog::DontUseNativeDialog); // also works offscreen and in tests
    files.setAcceptMode(QFileDialog::AcceptSave);
    files.setNameFilter(options.nameFilter());
    files.setDefaultSuffix(options.defaultSuffix());
    files.setAccessibleName(tr("Export file"));
    if (files.exec() != QDialog::Accepted || files.selectedFiles().isEmpty())
        return;
    const QString path = files.selectedFiles().constFirst();

    QSaveFile file(path);
    QString error;
    bool written = file.open(QIODevice::WriteOnly);
    if (!written) {
        error = file.errorString();
    } else {
        const core::TrafficStore &store = m_workbench.traffic();
        const core::SocketRegistry &sockets = m_workbench.sockets();
        const bool raw = options.format() == TrafficExportDialog::Format::Raw;
        const std::vector<qsizetype> records = raw ? std::vector<qsizetype>()
                                             : options.selectedOnly() ? selected
                                                                      : m_model->recordIndices();
        QApplication::setOverrideCursor(Qt::WaitCursor);
        switch (options.format()) {
        case TrafficExportDialog::Format::Text:
            written = core::exportText(store, sockets, records, file, &error);
            break;
        case TrafficExportDialog::Format::Csv:
            written = core::exportCsv(store, sockets, records, file, &error);
            break;
        case TrafficExportDialog::Format::Pcapng:
            written = core::exportPcapng(store, sockets, records, file, &error);
            break;
        case TrafficExportDialog::Format::Raw:
            written = core::exportRaw(store, options.socketId(), options.direction(), file, &error);
            break;
        }
        QApplication::restoreOverrideCursor();
        if (written && !file.commit()) {
            written = false;
            error = file.errorString();
        }
    }
    if (!written)
        QMessageBox::warning(m_view, tr("Export failed"), tr("Could not write %1:\n%2").arg(path, error));
}

} // namespace ui
