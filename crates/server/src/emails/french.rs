//! The French subjects and paragraphs of Roster's emails, as a French-speaking person expects
//! them: "vous", wording that does not assume the reader's gender ("une personne qui
//! administre"), and French typography (a no-break space before a colon, a narrow one before
//! `;`, `?` and `!`, the typographic apostrophe), which the tests check.

use super::Facts;
use roster_domain::notify::EmailKind;

/// The greeting above the paragraphs.
pub(super) fn greeting(first_name: &str) -> String {
    format!("Bonjour {first_name},")
}

/// How long a link works, in words: "7 jours", "1 heure", "36 heures".
fn lasting(hours: i64) -> String {
    if hours % 24 == 0 && hours >= 24 {
        format!("{} jours", hours / 24)
    } else if hours == 1 {
        "1 heure".to_owned()
    } else {
        format!("{hours} heures")
    }
}

/// The subject and paragraphs of `kind`, in French.
pub(super) fn catalogue(kind: EmailKind, facts: &Facts) -> (String, Vec<String>) {
    let account = facts.account.as_deref().unwrap_or("Roster");
    let who = &facts.subject_name;
    let lasts = lasting(facts.link.as_ref().map_or(0, |(_, h)| *h));
    let once = format!("Ce lien ne sert qu’une fois et reste valable {lasts}.");
    match kind {
        EmailKind::Activation => (
            format!("Activez votre compte {account}"),
            vec![
                format!("Une invitation à rejoindre {account} vous attend. Ouvrez le lien ci-dessous pour choisir votre mot de passe et activer votre compte."),
                format!("{once} S’il a expiré, demandez une nouvelle invitation à l’administration de votre compte."),
            ],
        ),
        EmailKind::UserAddedConfirmation => (
            format!("Ajout de {who} à {account}"),
            vec![format!("{who} fait désormais partie de {account} et a reçu une invitation à activer son compte.")],
        ),
        EmailKind::UserUpdatedConfirmation => (
            format!("Modification de {who} dans {account}"),
            vec![format!("Vos modifications concernant {who} dans {account} sont enregistrées.")],
        ),
        EmailKind::YourDetailsChanged => (
            format!("Vos informations dans {account} ont été modifiées"),
            vec![
                format!("Une personne qui administre {account} a modifié vos informations ou vos autorisations."),
                "Si vous ne vous y attendiez pas, contactez l’administration de votre compte.".to_owned(),
            ],
        ),
        EmailKind::RemovalConfirmation => (
            format!("Retrait de {who} du compte {account}"),
            vec![format!("{who} ne fait plus partie de {account}.")],
        ),
        EmailKind::RemovalIncomplete => (
            "Certains retraits de vos comptes n’ont pas abouti".to_owned(),
            vec![
                "Une personne qui administre vos comptes a demandé votre retrait de plusieurs comptes, mais certains de ces retraits n’ont pas pu être faits.".to_owned(),
                "Vous gardez l’accès aux comptes où le retrait n’a pas eu lieu. Pour toute question, contactez l’administration de votre compte.".to_owned(),
            ],
        ),
        EmailKind::LicenceReceived => (
            format!("Une licence vous est attribuée dans {account}"),
            vec![format!("Vous détenez désormais une licence dans {account}.")],
        ),
        EmailKind::SecurityDetailsChanged => (
            "Votre mot de passe ou vos informations de sécurité ont changé".to_owned(),
            vec![
                "Votre mot de passe, votre question de sécurité ou votre numéro d’autorisation vient d’être modifié. Un nouveau mot de passe ferme aussi vos sessions partout ailleurs.".to_owned(),
                "Si ce n’était pas vous, demandez immédiatement à l’administration de votre compte de le suspendre.".to_owned(),
            ],
        ),
        EmailKind::JoinRequest => {
            let by = facts.requester_name.as_deref().unwrap_or("Une personne");
            (
                format!("{account} vous invite à le rejoindre"),
                vec![
                    format!("{by}, qui administre {account}, souhaite vous ajouter à {account} dans Roster. Ouvrez le lien ci-dessous pour accepter ou refuser."),
                    format!("Si vous acceptez, les personnes qui administrent {account} pourront y gérer votre appartenance : votre rôle, votre groupe, vos autorisations et votre licence dans ce compte. Votre identifiant, votre mot de passe et vos coordonnées restent gérés par vous et par vos propres comptes."),
                    format!("{once} Si vous ne vous y attendiez pas, refusez ou ignorez cette demande : rien ne change tant que vous ne l’avez pas acceptée."),
                ],
            )
        }
        EmailKind::EmailChangeConfirmation => (
            "Confirmez votre nouvelle adresse de courriel".to_owned(),
            vec![
                "Vous avez demandé à utiliser cette adresse pour votre identifiant Roster. Ouvrez le lien ci-dessous pour la confirmer : votre adresse ne change qu’à ce moment-là.".to_owned(),
                format!("{once} Si vous n’avez rien demandé, ignorez ce courriel : rien ne change."),
            ],
        ),
        EmailKind::EmailChangeNotice => (
            "Changement de votre adresse de courriel demandé".to_owned(),
            vec![
                format!("Une personne connectée avec votre identifiant Roster a demandé à en remplacer l’adresse de courriel par {}. L’adresse ne change que lorsque le lien envoyé à cette adresse est ouvert.", facts.new_email.as_deref().unwrap_or("une autre adresse")),
                "Si ce n’était pas vous, changez immédiatement votre mot de passe et prévenez l’administration de votre compte.".to_owned(),
            ],
        ),
        EmailKind::PasswordReset => (
            "Réinitialisez votre mot de passe Roster".to_owned(),
            vec![
                "Quelqu’un a demandé à réinitialiser le mot de passe de votre compte Roster. Ouvrez le lien ci-dessous pour en choisir un nouveau.".to_owned(),
                format!("{once} Si vous n’avez rien demandé, ignorez ce courriel : votre mot de passe reste inchangé."),
            ],
        ),
    }
}
