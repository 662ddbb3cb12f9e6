#pragma once

#include "core/session/payloadlibrary.h"

#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace ui {

// The saved payloads (the main window docks it): two lists, "This session" (saved with the
// session) and "All sessions" (kept in the settings, under payloads/global, as payloadsToJson()
// writes it). A search field filters both by name, note and content. A payload goes to the
// composer (a double-click, or To composer) or is sent at once on the composer's socket (Send),
// which the window wires. New and Edit open a dialog that saves nothing invalid; Import and
// Export read and write a payload file for the list selected. An import is whole or nothing:
// a bad file or a name already used for another payload in the list changes no payload.
class PayloadsPanel final : public QWidget
{
    Q_OBJECT
public:
    enum class Scope { Session, Global };

    explicit PayloadsPanel(QWidget *parent = nullptr);

    QList<core::SavedPayload> sessionPayloads() const { return m_lists[int(Scope::Session)]; }
    void setSessionPayloads(const QList<core::SavedPayload> &payloads); // emits no changed()
    QList<core::SavedPayload> globalPayloads() const { return m_lists[int(Scope::Global)]; }

    // Adds a payload, or replaces the one named replacing; false (and the panel says why) when
    // its name is taken in that list.
    bool addPayload(Scope scope, const core::SavedPayload &payload, const QString &replacing = {});
    bool removePayload(Scope scope, const QString &name);
    bool movePayload(Scope from, const QString &name); // to the other list
    bool selectPayload(Scope scope, const QString &name);
    // The payload selected, and its list; nullptr when a list (or nothing) is selected.
    const core::SavedPayload *currentPayload(Scope *scope = nullptr) const;
    Scope currentScope() const; // the list of the selection; All sessions when nothing is selected

    bool importFile(const QString &path, Scope scope);
    bool exportFile(const QString &path, Scope scope);

    QLineEdit *searchField() const { return m_search; }
    QTreeWidget *list() const { return m_tree; }
    QLabel *statusLabel() const { return m_status; }

public slots:
    void newPayload();
    void editPayload();
    void deleteCurrent();
    void moveCurrent();
    void toComposer();
    void sendCurrent();
    void importDialog();
    void exportDialog();

signals:
    // The session's payloads changed by the person (the session has something new to save).
    void changed();
    // Wired by the window: put the payload in the composer; put it there and send it with send().
    void composeRequested(const core::SavedPayload &payload);
    void sendRequested(const core::SavedPayload &payload);

private:
    QAction *makeAction(const QString &text, const QString &toolTip, void (PayloadsPanel::*slot)());
    void loadGlobal();
    void saveGlobal();
    void listChanged(Scope scope);
    void rebuild();
    void applySearch();
    void updateActions();
    void showStatus(const QString &text, bool error = false);
    QString scopeName(Scope scope) const;
    int indexOf(Scope scope, const QString &name) const;

    QList<core::SavedPayload> m_lists[2];
    QString m_unreadGlobal; // the setting as found when it could not be read: kept until replaced
    QLineEdit *m_search;
    QTreeWidget *m_tree;
    QTreeWidgetItem *m_sections[2];
    QLabel *m_status;
    QAction *m_new;
    QAction *m_edit;
    QAction *m_delete;
    QAction *m_move;
    QAction *m_compose;
    QAction *m_send;
    QAction *m_import;
    QAction *m_export;
};

} // namespace ui
