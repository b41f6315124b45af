//! The demo organisation and its people (issue 18, `demineurs seed-demo`).
//! Claire Moreau, of the innovation mission, is its administrator; the
//! others hold the domains their service knows.

use super::story::{Away, Person};

pub const ORGANISATION: &str = "Communauté d’agglomération du Val-de-Loire";

/// Where every demo address ends: a domain reserved for tests, so no
/// message can reach anyone.
pub const EMAIL_DOMAIN: &str = "demo.test";

pub const PEOPLE: &[Person] = &[
    Person {
        name: "Claire Moreau",
        email: "claire.moreau@demo.test",
        service: "Mission innovation",
        domains: &[],
        away: Away::Available,
    },
    Person {
        name: "Karim Benali",
        email: "karim.benali@demo.test",
        service: "Affaires juridiques",
        domains: &["Juridique"],
        away: Away::Available,
    },
    Person {
        name: "Sophie Lefèvre",
        email: "sophie.lefevre@demo.test",
        service: "Finances",
        domains: &["Finances"],
        away: Away::ForDays(9),
    },
    Person {
        name: "Thomas Girard",
        email: "thomas.girard@demo.test",
        service: "Direction du numérique",
        domains: &["Numérique & SI", "Accessibilité"],
        away: Away::Available,
    },
    Person {
        name: "Nadia Haddad",
        email: "nadia.haddad@demo.test",
        service: "Direction du numérique",
        domains: &["Données & RGPD"],
        away: Away::Busy,
    },
    Person {
        name: "Julien Petit",
        email: "julien.petit@demo.test",
        service: "Commande publique",
        domains: &["Achats & marchés publics"],
        away: Away::Available,
    },
    Person {
        name: "Émilie Rousseau",
        email: "emilie.rousseau@demo.test",
        service: "Ressources humaines",
        domains: &["RH"],
        away: Away::Available,
    },
    Person {
        name: "Marc Dubois",
        email: "marc.dubois@demo.test",
        service: "Accueil des usagers",
        domains: &["Usagers & terrain"],
        away: Away::Available,
    },
    Person {
        name: "Inès Fontaine",
        email: "ines.fontaine@demo.test",
        service: "Communication",
        domains: &["Communication"],
        away: Away::Available,
    },
    Person {
        name: "Paul Mercier",
        email: "paul.mercier@demo.test",
        service: "Transition écologique",
        domains: &["Environnement"],
        away: Away::Available,
    },
    Person {
        name: "Hélène Garnier",
        email: "helene.garnier@demo.test",
        service: "Cabinet du président",
        domains: &["Élus"],
        away: Away::Available,
    },
];
