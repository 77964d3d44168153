/// Drafts plans from what the office receives: plan documents as text, task lists as spreadsheets.
public enum DubanImport {}
