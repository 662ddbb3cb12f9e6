// The Payloads panel's files: importing a payload file into a list and exporting a list to one.
#include "ui/payloads/payloadspanel.h"

#include "ui/payloads/payloaddialog.h"
#include "ui/widgets/themecolors.h"

#include <QAction>
#include <QFileDialog>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSaveFile>
#include <QSettings>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ui {

bool PayloadsPanel::importFile(const QString &path, Scope scope)
{
    const auto read = core::readPayloadLibraryFile(path);
    if (!read) {
        showStatus(tr("Nothing imported: %1").arg(read.error().message), true);
        return false;
    }
    // Whole or nothing: a payload the list has already (the same in every field) is skipped, one
    // whose name is used for another payload stops the import before anything changes.
    QList<core::SavedPayload> list = m_lists[int(scope)];
    int added = 0;
    for (const core::SavedPayload &payload : read.value()) {
        const int existing = indexOf(scope, payload.name);
        if (existing >= 0 && m_lists[int(scope)][existing] == payload)
            continue;
        if (existing >= 0) {
            showStatus(tr("Nothing imported: %1 has another payload named \"%2\"; rename or delete it first")
                           .arg(scopeName(scope), payload.name),
                       true);
            return false;
        }
        list.append(payload);
        ++added;
    }
    if (list.size() > core::kMaxSavedPayloads) {
        showStatus(tr("Nothing imported: %1 would hold more than %2 payloads").arg(scopeName(scope)).arg(core::kMaxSavedPayloads),
                   true);
        return false;
    }
    const int skipped = int(read->size()) - added;
    if (added > 0) {
        m_lists[int(scope)] = list;
        listChanged(scope);
    }
    QString text = tr("Imported %n payload(s) into %1", nullptr, added).arg(scopeName(scope));
    if (skipped > 0)
        text += tr("; %n already there", nullptr, skipped);
    showStatus(text);
    return true;
}

bool PayloadsPanel::exportFile(const QString &path, Scope scope)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(core::payloadLibraryToJson(m_lists[int(scope)])) < 0 || !file.commit()) {
        showStatus(tr("Not exported: cannot write %1: %2").arg(path, file.errorString()), true);
        return false;
    }
    showStatus(tr("Exported %n payload(s) of %1 to %2", nullptr, int(m_lists[int(scope)].size())).arg(scopeName(scope), path));
    return true;
}

void PayloadsPanel::importDialog()
{
    const Scope scope = currentScope();
    const QString path = QFileDialog::getOpenFileName(this, tr("Import payloads into %1").arg(scopeName(scope)), {},
                                                      tr("Payloads (*.json);;All files (*)"), nullptr,
                                                      QFileDialog::DontUseNativeDialog);
    if (!path.isEmpty())
        importFile(path, scope);
}

void PayloadsPanel::exportDialog()
{
    const Scope scope = currentScope();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the payloads of %1").arg(scopeName(scope)),
                                                      QStringLiteral("payloads.json"), tr("Payloads (*.json)"), nullptr,
                                                      QFileDialog::DontUseNativeDialog);
    if (!path.isEmpty())
        exportFile(path, scope);
}

} // namespace ui
