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

namespace {

constexpr auto kGlobalKey = "payloads/global";
// Where a setting that could not be read is moved when the list is first saved again.
constexpr auto kUnreadGlobalKey = "payloads/global-unreadable";
constexpr int kNameRole = Qt::UserRole + 1;
enum Column { NameColumn, FormColumn, ContentColumn, NoteColumn, ColumnCount };

QString shortened(const QString &text, qsizetype length)
{
    return text.size() > length ? text.left(length) + QChar(0x2026) : text;
}

// A label as a screen reader should say it: no mnemonic, no ellipsis.
QString spokenName(QString text)
{
    return text.remove(QLatin1Char('&')).remove(QChar(0x2026));
}

} // namespace

PayloadsPanel::PayloadsPanel(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("payloadsPanel"));
    m_search->setAccessibleName(tr("Search payloads"));
    m_search->setPlaceholderText(tr("Search names, notes and content"));
    m_search->setToolTip(tr("Shows the payloads whose name, note or content holds this text (any case)"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, &PayloadsPanel::applySearch);

    m_tree->setAccessibleName(tr("Saved payloads"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Name"), tr("Form"), tr("Content"), tr("Note")});
    m_tree->header()->setSectionResizeMode(FormColumn, QHeaderView::ResizeToContents);
    m_tree->setColumnWidth(NameColumn, 160);
    m_tree->setColumnWidth(ContentColumn, 240);
    m_tree->setUniformRowHeights(true);
    m_tree->setToolTip(tr("Double-click a payload to put it in the composer"));
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_sections[int(Scope::Session)] = new QTreeWidgetItem(m_tree);
    m_sections[int(Scope::Global)] = new QTreeWidgetItem(m_tree);
    m_sections[int(Scope::Session)]->setToolTip(NameColumn, tr("Saved with the session"));
    m_sections[int(Scope::Global)]->setToolTip(NameColumn, tr("Kept by the program for every session"));
    for (QTreeWidgetItem *section : m_sections) {
        section->setFirstColumnSpanned(true);
        QFont bold = section->font(NameColumn);
        bold.setBold(true);
        section->setFont(NameColumn, bold);
    }

    m_compose = makeAction(tr("To composer"), tr("Puts the payload in the composer, to edit or send (double-click)"),
                          &PayloadsPanel::toComposer);
    m_send = makeAction(tr("Send"), tr("Sends the payload on the composer's socket, as its send button does"),
                       &PayloadsPanel::sendCurrent);
    m_new = makeAction(tr("New…"), tr("A new payload in the list selected"), &PayloadsPanel::newPayload);
    m_edit = makeAction(tr("Edit…"), tr("Changes the payload's name, content or note"), &PayloadsPanel::editPayload);
    m_edit->setShortcut(Qt::Key_F2);
    m_delete = makeAction(tr("Delete"), tr("Removes the payload from its list"), &PayloadsPanel::deleteCurrent);
    m_delete->setShortcut(QKeySequence::Delete);
    m_move = makeAction(tr("Move to All sessions"), tr("Moves the payload to the other list"), &PayloadsPanel::moveCurrent);
    m_import = makeAction(tr("Import…"), tr("Adds the payloads of a payload file (JSON) to the list selected"),
                         &PayloadsPanel::importDialog);
    m_export = makeAction(tr("Export…"), tr("Writes the list selected to a payload file (JSON)"), &PayloadsPanel::exportDialog);
    for (QAction *action : {m_edit, m_delete})
        action->setShortcutContext(Qt::WidgetShortcut); // keys of the list, not of the window
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &PayloadsPanel::updateActions);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (item && item->parent())
            toComposer();
    });

    // A tool bar, not rows of buttons: in a narrow dock what does not fit goes to its » menu, so
    // the panel never sets the window's smallest width.
    auto *tools = new QToolBar(this);
    tools->setAccessibleName(tr("Payload actions"));
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addActions({m_compose, m_send});
    tools->addSeparator();
    tools->addActions({m_new, m_edit, m_delete, m_move});
    tools->addSeparator();
    tools->addActions({m_import, m_export});
    for (QAction *action : tools->actions()) {
        if (QWidget *button = tools->widgetForAction(action))
            button->setAccessibleName(spokenName(action->text()));
    }
    if (auto *more = tools->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"))) // the » menu
        more->setAccessibleName(tr("More payload actions"));
    m_status->setAccessibleName(tr("Payloads status"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_search);
    layout->addWidget(m_tree, 1);
    layout->addWidget(tools);
    layout->addWidget(m_status);

    loadGlobal();
    rebuild();
    m_tree->setCurrentItem(m_sections[int(Scope::Global)]);
}

QAction *PayloadsPanel::makeAction(const QString &text, const QString &toolTip, void (PayloadsPanel::*slot)())
{
    auto *action = new QAction(text, this);
    action->setToolTip(toolTip);
    connect(action, &QAction::triggered, this, slot);
    m_tree->addAction(action);
    return action;
}

void PayloadsPanel::loadGlobal()
{
    const QString raw = QSettings().value(QLatin1String(kGlobalKey)).toString();
    if (raw.isEmpty())
        return;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(raw.toUtf8(), &error);
    const auto payloads = error.error != QJsonParseError::NoError
        ? core::Result<QList<core::SavedPayload>>::failure(error.errorString())
        : core::payloadsFromJson(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
    if (!payloads) {
        m_unreadGlobal = raw;
        showStatus(tr("The payloads of all sessions could not be read from the settings (%1): %2. They are kept "
                      "under %3 when this list is next saved.")
                       .arg(QLatin1String(kGlobalKey), payloads.error().message, QLatin1String(kUnreadGlobalKey)),
                   true);
        return;
    }
    m_lists[int(Scope::Global)] = payloads.value();
}

void PayloadsPanel::saveGlobal()
{
    QSettings settings;
    if (!m_unreadGlobal.isEmpty()) {
        settings.setValue(QLatin1String(kUnreadGlobalKey), m_unreadGlobal);
        m_unreadGlobal.clear();
    }
    const QJsonArray json = core::payloadsToJson(m_lists[int(Scope::Global)]);
    settings.setValue(QLatin1String(kGlobalKey), QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
}

void PayloadsPanel::setSessionPayloads(const QList<core::SavedPayload> &payloads)
{
    m_lists[int(Scope::Session)] = payloads;
    rebuild();
}

void PayloadsPanel::listChanged(Scope scope)
{
    if (scope == Scope::Global)
        saveGlobal();
    rebuild();
    if (scope == Scope::Session)
        emit changed();
}

QString PayloadsPanel::scopeName(Scope scope) const
{
    return scope == Scope::Session ? tr("This session") : tr("All sessions");
}

int PayloadsPanel::indexOf(Scope scope, const QString &name) const
{
    const QList<core::SavedPayload> &list = m_lists[int(scope)];
    for (int i = 0; i < list.size(); ++i) {
        if (list[i].name == name)
            return i;
    }
    return -1;
}

// The lists are small (a person's payloads): the tree is made again on each change, keeping the
// selection.
void PayloadsPanel::rebuild()
{
    Scope scope = Scope::Global;
    const core::SavedPayload *current = currentPayload(&scope);
    const QString currentName = current ? current->name : QString();
    const bool sectionCurrent = !current && m_tree->currentItem();
    if (!current)
        scope = currentScope();
    {
        const QSignalBlocker quiet(m_tree);
        for (int s = 0; s < 2; ++s) {
            QTreeWidgetItem *section = m_sections[s];
            qDeleteAll(section->takeChildren());
            for (const core::SavedPayload &payload : std::as_const(m_lists[s])) {
                auto *item = new QTreeWidgetItem(section);
                item->setData(NameColumn, kNameRole, payload.name);
                item->setText(NameColumn, payload.name);
                item->setText(FormColumn, payload.form == core::ByteForm::Text ? tr("Text")
                                          : payload.form == core::ByteForm::Hex ? tr("Hex") : tr("File"));
                item->setText(ContentColumn, shortened(payload.content.simplified(), 80));
                item->setText(NoteColumn, shortened(payload.note.simplified(), 80));
                const QString tip = payload.note.isEmpty() ? shortened(payload.content, 1000)
                                                           : shortened(payload.content, 1000) + QStringLiteral("\n\n") + payload.note;
                for (int column = 0; column < ColumnCount; ++column)
                    item->setToolTip(column, tip);
            }
            section->setExpanded(true);
        }
    }
    if (!currentName.isEmpty() && !selectPayload(scope, currentName))
        m_tree->setCurrentItem(m_sections[int(scope)]);
    else if (sectionCurrent)
        m_tree->setCurrentItem(m_sections[int(scope)]);
    applySearch();
}

void PayloadsPanel::applySearch()
{
    const QString query = m_search->text();
    for (int s = 0; s < 2; ++s) {
        QTreeWidgetItem *section = m_sections[s];
        int shown = 0;
        for (int i = 0; i < section->childCount(); ++i) {
            const bool match = core::payloadMatches(m_lists[s].at(i), query);
            section->child(i)->setHidden(!match);
            shown += match;
        }
        const QString name = scopeName(Scope(s));
        section->setText(NameColumn, query.trimmed().isEmpty()
                                         ? tr("%1 (%2)").arg(name).arg(section->childCount())
                                         : tr("%1 (%2 of %3)").arg(name).arg(shown).arg(section->childCount()));
    }
    updateActions();
}

void PayloadsPanel::updateActions()
{
    Scope scope = Scope::Global;
    const core::SavedPayload *payload = currentPayload(&scope);
    for (QAction *action : {m_compose, m_send, m_edit, m_delete, m_move})
        action->setEnabled(payload != nullptr);
    m_move->setText(scope == Scope::Session ? tr("Move to All sessions") : tr("Move to This session"));
    for (QObject *object : m_move->associatedObjects()) {
        if (auto *button = qobject_cast<QToolButton *>(object))
            button->setAccessibleName(spokenName(m_move->text()));
    }
}

void PayloadsPanel::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    setErrorText(m_status, error);
}

const core::SavedPayload *PayloadsPanel::currentPayload(Scope *scope) const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    if (!item || !item->parent() || item->isHidden())
        return nullptr;
    const Scope s = item->parent() == m_sections[int(Scope::Session)] ? Scope::Session : Scope::Global;
    const int index = indexOf(s, item->data(NameColumn, kNameRole).toString());
    if (index < 0)
        return nullptr;
    if (scope)
        *scope = s;
    return &m_lists[int(s)][index];
}

PayloadsPanel::Scope PayloadsPanel::currentScope() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    if (!item)
        return Scope::Global;
    const QTreeWidgetItem *section = item->parent() ? item->parent() : item;
    return section == m_sections[int(Scope::Session)] ? Scope::Session : Scope::Global;
}

bool PayloadsPanel::selectPayload(Scope scope, const QString &name)
{
    QTreeWidgetItem *section = m_sections[int(scope)];
    for (int i = 0; i < section->childCount(); ++i) {
        if (section->child(i)->data(NameColumn, kNameRole).toString() == name) {
            m_tree->setCurrentItem(section->child(i));
            return true;
        }
    }
    return false;
}

bool PayloadsPanel::addPayload(Scope scope, const core::SavedPayload &payload, const QString &replacing)
{
    // What a list holds must read back from a session or the settings: the same checks as
    // payloadsFromJson(), except the file, which is read when sent.
    QString problem;
    if (payload.name.trimmed().isEmpty())
        problem = tr("A payload needs a name");
    else if (payload.form == core::ByteForm::File && payload.content.trimmed().isEmpty())
        problem = tr("\"%1\": no file given").arg(payload.name);
    else if (payload.form != core::ByteForm::File) {
        const auto bytes = core::payloadBytes(payload);
        if (!bytes)
            problem = bytes.error().message;
    }
    const int existing = indexOf(scope, payload.name);
    const int old = replacing.isEmpty() ? -1 : indexOf(scope, replacing);
    if (problem.isEmpty() && existing >= 0 && existing != old)
        problem = tr("\"%1\" is already in %2: choose another name").arg(payload.name, scopeName(scope));
    if (problem.isEmpty() && old < 0 && m_lists[int(scope)].size() >= core::kMaxSavedPayloads)
        problem = tr("%1 holds %2 payloads, the most it can").arg(scopeName(scope)).arg(core::kMaxSavedPayloads);
    if (!problem.isEmpty()) {
        showStatus(tr("Not saved: %1").arg(problem), true);
        return false;
    }
    if (old >= 0)
        m_lists[int(scope)][old] = payload;
    else
        m_lists[int(scope)].append(payload);
    listChanged(scope);
    if (!selectPayload(scope, payload.name)) // hidden by the search: the list shows where it went
        m_tree->setCurrentItem(m_sections[int(scope)]);
    showStatus(old >= 0 ? tr("Saved \"%1\"").arg(payload.name) : tr("Added \"%1\" to %2").arg(payload.name, scopeName(scope)));
    return true;
}

bool PayloadsPanel::removePayload(Scope scope, const QString &name)
{
    const int index = indexOf(scope, name);
    if (index < 0)
        return false;
    m_lists[int(scope)].removeAt(index);
    listChanged(scope);
    showStatus(tr("Deleted \"%1\" from %2").arg(name, scopeName(scope)));
    return true;
}

bool PayloadsPanel::movePayload(Scope from, const QString &name)
{
    const Scope to = from == Scope::Session ? Scope::Global : Scope::Session;
    const int index = indexOf(from, name);
    if (index < 0)
        return false;
    if (indexOf(to, name) >= 0) {
        showStatus(tr("Not moved: %2 has a payload named \"%1\" already").arg(name, scopeName(to)), true);
        return false;
    }
    m_lists[int(to)].append(m_lists[int(from)].takeAt(index));
    listChanged(from);
    listChanged(to);
    selectPayload(to, name);
    showStatus(tr("Moved \"%1\" to %2").arg(name, scopeName(to)));
    return true;
}

void PayloadsPanel::newPayload()
{
    const Scope scope = currentScope();
    QStringList names;
    for (const core::SavedPayload &payload : std::as_const(m_lists[int(scope)]))
        names << payload.name;
    PayloadDialog dialog(core::SavedPayload{}, names, this);
    dialog.setWindowTitle(tr("New payload in %1").arg(scopeName(scope)));
    if (dialog.exec() == QDialog::Accepted)
        addPayload(scope, dialog.payload());
}

void PayloadsPanel::editPayload()
{
    Scope scope = Scope::Global;
    const core::SavedPayload *current = currentPayload(&scope);
    if (!current)
        return;
    const core::SavedPayload before = *current;
    QStringList names;
    for (const core::SavedPayload &payload : std::as_const(m_lists[int(scope)])) {
        if (payload.name != before.name)
            names << payload.name;
    }
    PayloadDialog dialog(before, names, this);
    if (dialog.exec() == QDialog::Accepted && dialog.payload() != before)
        addPayload(scope, dialog.payload(), before.name);
}

void PayloadsPanel::deleteCurrent()
{
    Scope scope = Scope::Global;
    if (const core::SavedPayload *current = currentPayload(&scope))
        removePayload(scope, QString(current->name));
}

void PayloadsPanel::moveCurrent()
{
    Scope scope = Scope::Global;
    if (const core::SavedPayload *current = currentPayload(&scope))
        movePayload(scope, QString(current->name));
}

void PayloadsPanel::toComposer()
{
    const core::SavedPayload *current = currentPayload();
    if (!current) {
        showStatus(tr("Select a payload first"), true);
        return;
    }
    showStatus(tr("\"%1\" is in the composer").arg(current->name));
    emit composeRequested(*current);
}

// The bytes are made here first so that a payload whose file is gone says so where it was
// clicked; the composer then sends what it reads, as its own send button would.
void PayloadsPanel::sendCurrent()
{
    const core::SavedPayload *current = currentPayload();
    if (!current) {
        showStatus(tr("Select a payload first"), true);
        return;
    }
    const auto bytes = core::payloadBytes(*current);
    if (!bytes) {
        showStatus(tr("Not sent: %1").arg(bytes.error().message), true);
        return;
    }
    showStatus(tr("\"%1\" sent with the composer: its status shows the outcome").arg(current->name));
    emit sendRequested(*current);
}

} // namespace ui
