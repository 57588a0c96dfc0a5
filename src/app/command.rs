//! What the app can be asked to do. [`Command`] is the table menus,
//! shortcuts, tooltips and Help → Keyboard shortcuts are all made from (as
//! Rerun's `UICommand`); [`Action`] is what views queue for the app to run
//! after the UI pass, commands and the actions that carry data alike.

use super::Selection;
use crate::model::CardId;
use crate::model::Subject;
use crate::report::Format;
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// A menu command: its text, tooltip and shortcuts are defined once, here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    New,
    Open,
    ImportPeople,
    Save,
    SaveAs,
    SaveAsProposal,
    CompareWith,
    CompareWithSaved,
    StopComparing,
    ExportPng,
    Quit,
    Undo,
    Redo,
    Delete,
    SelectAll,
    Find,
    AddPerson,
    AddTeam,
    AddInitiative,
    FitView,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ArrangeByGroup,
    ToggleTheme,
    ToggleAsPlanned,
    ToggleRisk,
    SuggestFixes,
    EditRoles,
    EditRules,
    Shortcuts,
    RulesReference,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Command; 32] = [
        Command::New,
        Command::Open,
        Command::ImportPeople,
        Command::Save,
        Command::SaveAs,
        Command::SaveAsProposal,
        Command::CompareWith,
        Command::CompareWithSaved,
        Command::StopComparing,
        Command::ExportPng,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::Delete,
        Command::SelectAll,
        Command::Find,
        Command::AddPerson,
        Command::AddTeam,
        Command::AddInitiative,
        Command::FitView,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomReset,
        Command::ArrangeByGroup,
        Command::ToggleTheme,
        Command::ToggleAsPlanned,
        Command::ToggleRisk,
        Command::SuggestFixes,
        Command::EditRoles,
        Command::EditRules,
        Command::Shortcuts,
        Command::RulesReference,
    ];

    /// The menu text.
    pub fn text(self) -> &'static str {
        match self {
            Command::New => "New",
            Command::Open => "Open…",
            Command::ImportPeople => "Import people…",
            Command::Save => "Save",
            Command::SaveAs => "Save As…",
            Command::SaveAsProposal => "Save as proposal…",
            Command::CompareWith => "Compare with file…",
            Command::CompareWithSaved => "Compare with saved version",
            Command::StopComparing => "Stop comparing",
            Command::ExportPng => "Export canvas as PNG…",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::Delete => "Delete",
            Command::SelectAll => "Select all cards",
            Command::Find => "Find…",
            Command::AddPerson => "Add person",
            Command::AddTeam => "Add team",
            Command::AddInitiative => "Add initiative",
            Command::FitView => "Fit to view",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomReset => "Zoom to 100%",
            Command::ArrangeByGroup => "Arrange by group",
            Command::ToggleTheme => "Dark theme",
            Command::ToggleAsPlanned => "Count open seats as filled",
            Command::ToggleRisk => "Key-person risk",
            Command::SuggestFixes => "Suggest fixes…",
            Command::EditRoles => "Roles…",
            Command::EditRules => "Rules…",
            Command::Shortcuts => "Keyboard shortcuts",
            Command::RulesReference => "Rules reference",
        }
    }

    /// What it does, for tooltips and the Help dialog.
    pub fn tooltip(self) -> &'static str {
        match self {
            Command::New => "Start a new, empty org",
            Command::Open => "Open an org file",
            Command::ImportPeople => {
                "Make an org from an HR or directory export (CSV or spreadsheet), or update the open one"
            }
            Command::Save => "Save the org to its file",
            Command::SaveAs => "Save the org under a new name",
            Command::SaveAsProposal => {
                "Save a copy under a new name and compare it with the original as you edit"
            }
            Command::CompareWith => {
                "Compare this org with another org file: changes, gaps closed and opened"
            }
            Command::CompareWithSaved => "Compare with the file as last saved: what changed since",
            Command::StopComparing => "Hide the Changes tab and the marks on the canvas",
            Command::ExportPng => "Draw the team canvas into a PNG image",
            Command::Quit => "Close orgplan (asks about unsaved changes)",
            Command::Undo => "Undo the last change",
            Command::Redo => "Redo what was undone",
            Command::Delete => "Remove the selected member from its card, or delete the selection",
            Command::SelectAll => "Select every card on the canvas",
            Command::Find => "Find a person, team or initiative by name or id",
            Command::AddPerson => "Add a person (unassigned)",
            Command::AddTeam => "Add a team card in view",
            Command::AddInitiative => "Add an initiative card in view",
            Command::FitView => "Show the whole canvas",
            Command::ZoomIn => "Zoom the canvas in",
            Command::ZoomOut => "Zoom the canvas out",
            Command::ZoomReset => "Show the canvas at 100%",
            Command::ArrangeByGroup => {
                "Lay every card out group by group, each director's teams framed together (one undo step)"
            }
            Command::ToggleTheme => "Switch between the dark and the light theme",
            Command::ToggleAsPlanned => {
                "Judge the org as planned: every open seat counted as the hire it stands for (gaps, matrix, badges, Changes)"
            }
            Command::ToggleRisk => {
                "Colour every person by what their departure would open (error, warning, nothing); the inspector lists it"
            }
            Command::SuggestFixes => {
                "Find the fewest hires, moves and assignments that close the gaps, and open them as a proposal"
            }
            Command::Shortcuts => "List every keyboard shortcut",
            Command::EditRules => {
                "Each rule's severity and threshold, and what each kind of team and initiative needs, kept in the file"
            }
            Command::EditRoles => {
                "The org's own roles (Designer, Data scientist…): what each covers, kept in the file"
            }
            Command::RulesReference => "Every rule with why it matters and how to fix it",
        }
    }

    /// Its shortcuts, the first one shown in menus.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        match self {
            Command::New => vec![key(CMD, Key::N)],
            Command::Open => vec![key(CMD, Key::O)],
            Command::Save => vec![key(CMD, Key::S)],
            Command::SaveAs => vec![key(CMD_SHIFT, Key::S)],
            Command::Quit => vec![key(CMD, Key::Q)],
            Command::Undo => vec![key(CMD, Key::Z)],
            Command::Redo => vec![key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)],
            Command::Delete => vec![key(Modifiers::NONE, Key::Delete)],
            Command::SelectAll => vec![key(CMD, Key::A)],
            Command::Find => vec![key(CMD, Key::F)],
            Command::FitView => vec![key(CMD, Key::Num1)],
            Command::ZoomIn => vec![key(CMD, Key::Plus), key(CMD, Key::Equals)],
            Command::ZoomOut => vec![key(CMD, Key::Minus)],
            Command::ZoomReset => vec![key(CMD, Key::Num0)],
            _ => vec![],
        }
    }

    /// Shortcuts a focused text field handles itself (typing wins).
    pub fn yields_to_text(self) -> bool {
        matches!(
            self,
            Command::Undo | Command::Redo | Command::Delete | Command::SelectAll
        )
    }

    /// A menu button for the command (text, shortcut, tooltip); closes the
    /// menu when clicked.
    pub fn button(self, ui: &mut egui::Ui, enabled: bool) -> bool {
        self.button_with_text(ui, self.text(), enabled)
    }

    /// [`Self::button`] with other text ("Undo move to team").
    pub fn button_with_text(self, ui: &mut egui::Ui, text: &str, enabled: bool) -> bool {
        let mut b = egui::Button::new(text);
        if let Some(s) = self.shortcuts().first() {
            b = b.shortcut_text(ui.ctx().format_shortcut(s));
        }
        let clicked = ui
            .add_enabled(enabled, b)
            .on_hover_text(self.tooltip())
            .clicked();
        if clicked {
            ui.close();
        }
        clicked
    }
}

/// Gestures that are not commands, for the Help dialog.
pub const GESTURES: &[(&str, &str)] = &[
    ("Ctrl+scroll, pinch", "Zoom the canvas"),
    ("Scroll, drag the background", "Pan the canvas"),
    (
        "Ctrl while dropping a person",
        "Add a second membership instead of moving them",
    ),
    (
        "Shift+click a card",
        "Add it to or remove it from the selection",
    ),
    (
        "Right-click",
        "Context menu: move, add to initiative, fill seat, change role…",
    ),
    ("Escape", "Clear the selection, close a dialog"),
    ("Enter in a field", "Apply the edit (one undo step)"),
];

/// What views queue for the app to run after the UI pass: a [`Command`]
/// (menus, shortcuts and buttons alike), or an action that carries data.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Run(Command),
    OpenPath(PathBuf),
    /// An imported org as a new, unsaved document.
    OpenImported(Box<crate::model::Org>),
    ExportReport(Format),
    ExportComparison(crate::diff::render::DiffFormat),
    Select(Option<Selection>),
    /// Shift-click on a card: add it to or remove it from the group.
    ToggleCard(CardId),
    /// Selects a subject and shows it (pans the canvas, scrolls the tree).
    Reveal(Subject),
    /// Suggested changes: the org they make, applied as one undo step and
    /// compared with the org as it was.
    OpenProposal {
        org: Box<crate::model::Org>,
        changes: usize,
    },
}

impl From<Command> for Action {
    fn from(c: Command) -> Action {
        Action::Run(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: Vec<(KeyboardShortcut, Command)> = Vec::new();
        for c in Command::ALL {
            for s in &c.shortcuts() {
                if let Some((_, other)) = seen.iter().find(|(k, _)| k == s) {
                    panic!("{c:?} and {other:?} share a shortcut");
                }
                seen.push((*s, c));
            }
        }
        assert!(seen.len() >= 15);
    }

    #[test]
    fn every_command_has_text_and_a_tooltip() {
        for c in Command::ALL {
            assert!(!c.text().is_empty() && !c.tooltip().is_empty(), "{c:?}");
        }
    }
}
