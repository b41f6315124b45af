//! Believable French texts for the benchmark's ideas and contributions, so
//! that search meets a realistic spread of words: a few very common ones
//! (« service », « agents »…), a long tail of rare ones. Deterministic.

use super::Dice;

/// The commonest words first (each later one rarer), in their usual forms.
const HEAD: &[&str] = &[
    "service",
    "agents",
    "usagers",
    "données",
    "projet",
    "délai",
    "budget",
    "réseau",
    "marché",
    "sécurité",
    "formation",
    "accueil",
    "convention",
    "logiciel",
    "archives",
    "télétravail",
    "accessibilité",
    "personnelles",
    "public",
    "prestataire",
    "juridique",
    "contrat",
    "validation",
    "mutualisation",
    "équipe",
    "bâtiment",
    "énergie",
    "mobilité",
    "numérique",
    "hébergement",
    "messagerie",
    "signature",
    "paiement",
    "subvention",
    "recrutement",
    "planning",
    "inventaire",
    "maintenance",
    "stationnement",
    "cantine",
    "bibliothèque",
    "voirie",
    "éclairage",
    "déchets",
    "chauffage",
    "élections",
    "courrier",
    "téléphonie",
    "imprimantes",
    "véhicules",
    "vélos",
    "parkings",
    "écoles",
    "crèches",
    "associations",
    "quartiers",
    "habitants",
    "élus",
    "réglementation",
    "assurance",
];

/// Words of the tail beyond the head: synthetic, each as rare as its rank.
const VOCABULARY: usize = 600;

/// A word drawn with a skewed law: rank r about as likely as r^(-1/3).
fn word(dice: &mut Dice) -> String {
    let u = dice.roll(1_000_000) as f64 / 1_000_000.0;
    let rank = (VOCABULARY as f64 * u.powf(1.5)) as usize;
    match HEAD.get(rank) {
        Some(w) => (*w).to_owned(),
        None => format!("terme{rank}"),
    }
}

/// A text of `min..=max` words, with a few small words between them.
pub fn text(dice: &mut Dice, min: i64, max: i64) -> String {
    let count = min + dice.roll(max - min + 1);
    let glue = ["de", "les", "pour", "et", "du", "des"];
    let mut words = Vec::with_capacity(count as usize * 2);
    for i in 0..count {
        if i > 0 && dice.roll(3) == 0 {
            words.push(glue[dice.roll(glue.len() as i64) as usize].to_owned());
        }
        words.push(word(dice));
    }
    let mut text = words.join(" ");
    if let Some(first) = text.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    text
}
