//! Word-level comparison of two versions, for the "compare versions" page.

use crate::domain::idea_views::{DiffKind, DiffPart, FieldDiff};
use crate::domain::ideas::IdeaContent;
use similar::{ChangeTag, TextDiff};

/// The pieces of `new` against `old`, word by word (spaces kept), with
/// neighbouring pieces of the same kind merged.
pub fn words(old: &str, new: &str) -> Vec<DiffPart> {
    let diff = TextDiff::from_words(old, new);
    let mut parts: Vec<DiffPart> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => DiffKind::Same,
            ChangeTag::Insert => DiffKind::Added,
            ChangeTag::Delete => DiffKind::Removed,
        };
        match parts.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => parts.push(DiffPart {
                kind,
                text: change.value().to_owned(),
            }),
        }
    }
    parts
}

/// Every field of two versions, compared.
pub fn fields(old: &IdeaContent, new: &IdeaContent) -> Vec<FieldDiff> {
    let mut compared: Vec<FieldDiff> = old
        .fields()
        .into_iter()
        .zip(new.fields())
        .map(|((label, before), (_, after))| FieldDiff {
            label,
            changed: before != after,
            parts: words(before, after),
        })
        .collect();
    let ((label, before), (_, after)) = (old.tags_field(), new.tags_field());
    compared.push(FieldDiff {
        label,
        changed: before != after,
        parts: words(&before, &after),
    });
    compared
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(parts: &[DiffPart]) -> String {
        parts
            .iter()
            .map(|p| match p.kind {
                DiffKind::Same => p.text.clone(),
                DiffKind::Added => format!("[+{}]", p.text),
                DiffKind::Removed => format!("[-{}]", p.text),
            })
            .collect()
    }

    #[test]
    fn a_changed_word_shows_as_removed_then_added() {
        let parts = words(
            "Un vélo pour les agents",
            "Un vélo électrique pour tous les agents",
        );
        assert_eq!(
            shown(&parts),
            "Un vélo [+électrique ]pour [+tous ]les agents"
        );
        assert!(words("pareil", "pareil")
            .iter()
            .all(|p| p.kind == DiffKind::Same));
    }

    #[test]
    fn fields_say_which_changed() {
        let old = IdeaContent {
            title: "Titre".into(),
            tags: vec!["a".into()],
            ..Default::default()
        };
        let new = IdeaContent {
            title: "Titre".into(),
            problem: "Nouveau".into(),
            tags: vec!["a".into(), "b".into()],
            ..Default::default()
        };
        let changed: Vec<bool> = fields(&old, &new).iter().map(|f| f.changed).collect();
        assert_eq!(changed, [false, true, false, false, false, true]);
    }
}
