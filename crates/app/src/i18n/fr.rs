//! The French catalogue: the same match arms as the English one (`en.rs`), in French as a
//! French-speaking administrator expects it. Typography: a no-break space (U+00A0) before a colon
//! and inside guillemets, a narrow one (U+202F) before a semicolon, a question mark or an
//! exclamation mark, the typographic apostrophe (U+2019) and the ellipsis character; its tests
//! (`fr/tests.rs`) hold every text to them. Vocabulary of the field: courriel, identifiant, mot de
//! passe, licence, compte, habilitation; neutral wording for people ("une personne qui
//! administre") where a role's masculine would otherwise stand for everyone. Texts with `{name}`
//! places keep the English ones' places, and texts with two forms (`ligne|lignes`) keep two forms.

use super::Key;

#[cfg(test)]
mod tests;

/// The French text of `key`; inlined, as `t` is.
#[inline(always)]
pub const fn text(key: Key) -> &'static str {
    use Key::*;
    match key {
        ProductName => "Roster",
        SkipToContent => "Aller au contenu",
        NotFoundTitle => "Page introuvable",
        NotFoundLead => "Il n’y a aucune page à cette adresse.",
        NotFoundHome => "Aller à la page d’accueil",
        NetworkError => "Roster est injoignable. Vérifiez votre connexion et réessayez.",
        UnexpectedError => "Une erreur s’est produite. Réessayez plus tard.",
        Loading => "Chargement…",
        SignInTitle => "Connexion à Roster",
        SignInLead => "Utilisez votre identifiant ou votre adresse de courriel.",
        Username => "Identifiant ou courriel",
        UsernameLabel => "Identifiant",
        Password => "Mot de passe",
        SignIn => "Se connecter",
        SigningIn => "Connexion…",
        SignOut => "Se déconnecter",
        Account => "Compte",
        MainNavigation => "Principale",
        NavUsers => "Utilisateurs",
        NavGroups => "Groupes",
        NavAudit => "Journal d’audit",
        SeatsUsed => "Licences utilisées",
        SeatsCount => "{used} sur {total}",
        UsersTitle => "Utilisateurs",
        Search => "Rechercher",
        SearchHint => "Nom, courriel ou identifiant",
        FilterState => "État",
        FilterRole => "Rôle",
        FilterGroup => "Groupe",
        FilterLicence => "Licence",
        Any => "Tous",
        Sort => "Trier par",
        SortName => "Nom (A–Z)",
        SortNameDesc => "Nom (Z–A)",
        SortEmail => "Courriel",
        SortState => "État",
        SortNewest => "Plus récents d’abord",
        Filters => "Filtres",
        FiltersActive => "en cours",
        Pages => "Pages",
        AddUser => "Ajouter un utilisateur",
        Name => "Nom",
        Email => "Courriel",
        State => "État",
        Role => "Rôle",
        Group => "Groupe",
        Licence => "Licence",
        Licensed => "Avec licence",
        NotLicensed => "Sans licence",
        SelectAll => "Sélectionner tous les utilisateurs de cette page",
        SelectUser => "Sélectionner",
        Selected => "dans la sélection",
        Suspend => "Suspendre",
        ActionActivate => "Activer",
        ActionLock => "Verrouiller",
        Unsuspend => "Lever la suspension",
        Unlock => "Déverrouiller",
        Remove => "Retirer du compte",
        Restore => "Restaurer",
        Deprovision => "Déprovisionner",
        DeleteForGood => "Supprimer définitivement",
        MoveToGroup => "Déplacer vers un groupe",
        Move => "Déplacer",
        ResultsTitle => "Résultats",
        Done => "Terminé",
        NoUsers => "Aucun utilisateur ne correspond.",
        Previous => "Précédente",
        Next => "Suivante",
        PageOf => "Page",
        UsersTotal => "utilisateurs",
        UserTotalOne => "utilisateur",
        StateStaged => "Non invité",
        StateInvited => "En attente d’activation",
        StateActive => "Actif",
        StateSuspended => "Suspendu",
        StateLocked => "Verrouillé",
        StateDeprovisioned => "Déprovisionné",
        RoleAdmin => "Administrateur",
        RoleUser => "Utilisateur",
        AddUserTitle => "Ajouter un utilisateur",
        AddUserLead => {
            "Les champs sont vérifiés pendant la saisie, selon les mêmes règles que sur le serveur."
        }
        FirstName => "Prénom",
        LastName => "Nom",
        Phone => "Téléphone (avec l’indicatif du pays)",
        PhoneExtension => "poste",
        PhoneHint => "Par exemple +33 6 12 34 56 78",
        Language => "Langue",
        LanguageEn => "Anglais",
        LanguageFr => "Français",
        SameAsUsername => "Identique à l’identifiant : l’adresse de courriel sert d’identifiant",
        IdentityProvider => "Fournisseur d’identité",
        LocalPassword => "Mot de passe Roster",
        IdentityProviderHint => {
            "Laissez vide pour un mot de passe Roster, ou nommez le fournisseur d’authentification unique (par exemple okta)."
        }
        ExchangeTitle => "Exchange ActiveSync",
        ExchangeHint => "Facultatif : le domaine et l’identifiant, ou ni l’un ni l’autre.",
        ExchangeDomain => "Domaine Exchange",
        ExchangeUsername => "Identifiant Exchange",
        SaveAndInvite => "Enregistrer et inviter",
        SaveAndSetPassword => "Enregistrer avec un mot de passe temporaire",
        AlsoInAccounts => "Ajouter aussi à ces comptes",
        LevelsTitle => "Niveaux d’autorisation",
        SaveWithoutInviting => "Enregistrer sans inviter",
        Saving => "Enregistrement…",
        Cancel => "Annuler",
        FixFields => "Certains champs sont à corriger.",
        EditUser => "Modifier",
        Save => "Enregistrer",
        Saved => "Enregistré.",
        StaleTitle => {
            "Quelqu’un d’autre a modifié cet utilisateur pendant votre saisie. Rechargez pour voir ces modifications, puis refaites les vôtres."
        }
        Reload => "Recharger",
        BackToUsers => "Retour aux utilisateurs",
        Profile => "Profil",
        Actions => "Actions",
        Memberships => "Comptes",
        ConfirmDelete => {
            "Supprimer définitivement cet utilisateur ? Cette action est irréversible."
        }
        GroupsTitle => "Groupes",
        NewGroup => "Nouveau groupe",
        GroupName => "Nom du groupe",
        Members => "Membres",
        MinPasswordLength => "Longueur minimale du mot de passe",
        IdleTimeout => "Délai d’inactivité de la session (minutes)",
        MayEditOwnDetails => "Les membres peuvent modifier leurs propres coordonnées",
        Yes => "Oui",
        No => "Non",
        Create => "Créer",
        Delete => "Supprimer",
        DefaultGroup => "Par défaut",
        MoveMembersTo => "Déplacer ses membres vers",
        AuditTitle => "Journal d’audit",
        When => "Quand",
        Who => "Qui",
        What => "Quoi",
        Target => "Cible",
        Changes => "Modifications",
        FilterAction => "Action",
        Older => "Entrées plus anciennes",
        AuditPerson => "Personne",
        AuditFrom => "Du",
        AuditTo => "Au",
        AuditClear => "Afficher tout le monde",
        AuditOnlyPerson => "Seulement les entrées de cette personne",
        AuditNone => "Aucune entrée ne correspond à ces filtres.",
        AuditPhone => "Téléphone",
        AuditIdentityProvider => "Fournisseur d’identité",
        AuditExchangeDomain => "Domaine Exchange",
        AuditExchangeUsername => "Identifiant Exchange",
        AuditMustChangePassword => "Doit changer de mot de passe",
        AuditInvitationExpires => "Expiration de l’invitation",
        AuditDefaultGroup => "Groupe par défaut",
        AuditMembersMoved => "Membres déplacés",
        AuditReason => "Motif",
        AuditChangeAsked => "Modification demandée",
        AuditPinMatched => "Code PIN correct",
        AuditTransferLicence => "Transférer une licence",
        AuditNewMembership => "Appartenance au compte",
        AuditGroupPolicy => "Règles du groupe",
        SendInvitation => "Envoyer l’invitation",
        ResendInvitation => "Renvoyer l’invitation",
        RevokeInvitation => "Révoquer l’invitation",
        SetTemporaryPassword => "Définir un mot de passe temporaire",
        TemporaryPasswordShown => {
            "Transmettez dès maintenant ce mot de passe temporaire à la personne : il ne sera plus affiché et n’est jamais envoyé par courriel. Elle choisira le sien à sa première connexion."
        }
        InvitationSent => "Invitation envoyée.",
        UserAdded => "Utilisateur ajouté.",
        UserAddedInvited => "Utilisateur ajouté, et invitation envoyée.",
        LicenceTransferred => "Licence transférée.",
        ManageSeats => "Gérer les titulaires de licence",
        TransferTitle => "Transférer la licence",
        TransferLead => {
            "La licence passe en une seule étape à la personne choisie : une personne active qui n’en détient pas."
        }
        TransferSearch => "La donner à (nom ou courriel)",
        TransferTo => "Transférer la licence à",
        UserDeleted => "Utilisateur supprimé définitivement.",
        GrantsSaved => "Rôle et niveaux d’autorisation enregistrés.",
        InvitationExpired => "Invitation expirée",
        NavInvitations => "Invitations",
        NavMailbox => "Boîte aux lettres",
        InvitationsTitle => "Invitations",
        InvitationsLead => "Les personnes invitées qui n’ont pas encore activé leur compte.",
        InvitationPending => "En attente",
        Expires => "Expiration du lien",
        NoInvitations => "Aucune activation en attente.",
        SelectInvitation => "Sélectionner",
        MailboxTitle => "Boîte aux lettres",
        MailboxLead => {
            "Aucun serveur SMTP n’est configuré : les courriels que Roster rédige restent ici au lieu d’être envoyés."
        }
        MailboxEmpty => "Aucun courriel pour l’instant.",
        MailboxUnavailable => {
            "Ce serveur envoie ses courriels par SMTP : il n’y a pas de boîte aux lettres locale."
        }
        To => "À",
        ActivateTitle => "Activez votre compte",
        ActivateConfirmLead => {
            "Ce lien active votre compte Roster. Continuez quand vous le souhaitez."
        }
        Continue => "Continuer",
        ActivateLead => "Choisissez le mot de passe avec lequel vous vous connecterez.",
        NewPassword => "Nouveau mot de passe",
        ConfirmPassword => "Nouveau mot de passe (confirmation)",
        MinimumLength => "Longueur minimale en caractères :",
        ChallengeQuestion => "Question de sécurité (facultative)",
        ChallengeAnswer => "Réponse à la question de sécurité",
        ActivateButton => "Activer mon compte",
        Working => "Traitement en cours…",
        LinkInvalidTitle => "Ce lien ne fonctionne plus",
        PasswordsDiffer => "Les deux mots de passe ne sont pas identiques.",
        ForgotPassword => "Mot de passe oublié ?",
        ForgotTitle => "Réinitialiser votre mot de passe",
        ForgotLead => {
            "Saisissez votre adresse de courriel. Si elle correspond à un compte Roster, nous vous enverrons un lien pour choisir un nouveau mot de passe."
        }
        SendLink => "M’envoyer un lien",
        ResetSent => {
            "Si cette adresse correspond à un compte, un lien est en route. Il est valable une heure."
        }
        ResetTitle => "Choisissez un nouveau mot de passe",
        ResetDone => "Votre mot de passe a été modifié. Connectez-vous avec celui-ci.",
        SetPassword => "Définir le mot de passe",
        ChangePasswordTitle => "Choisissez un nouveau mot de passe",
        ChangePasswordLead => {
            "Vous utilisez un mot de passe temporaire. Choisissez le vôtre pour continuer."
        }
        ChangePasswordLeadByChoice => {
            "Saisissez votre mot de passe actuel, puis le nouveau. Votre session reste ouverte ici ; vos autres sessions sont fermées."
        }
        CurrentPassword => "Mot de passe actuel",
        ChangePassword => "Changer de mot de passe",
        BackToSignIn => "Retour à la connexion",
        InviteOrResend => "Inviter ou relancer",
        RoleAndAuthorities => "Rôle et habilitations",
        SaveGrants => "Enregistrer le rôle et les habilitations",
        SelectAllAccounts => "Sélectionner tous les comptes",
        NotAMember => "non membre",
        AddToAccounts => "Ajouter aux comptes sélectionnés",
        RemoveFromAccounts => "Retirer des comptes sélectionnés",
        Authority => "Habilitation",
        NoAuthority => "Aucun",
        AssignLicence => "Attribuer une licence",
        ReleaseLicence => "Libérer la licence",
        OutsideDomains => "Hors des domaines approuvés",
        NavSettings => "Paramètres",
        SettingsTitle => "Paramètres du compte",
        SeatsBought => "Licences achetées",
        ApprovedDomains => "Domaines de courriel approuvés",
        ApprovedDomainsHint => {
            "Un par ligne, comme example.com ou *.example.com. Laissez vide pour tout accepter."
        }
        DomainsApproved => "Le compte approuve :",
        DomainLine => "Ligne",
        InvitationLifetime => "Durée de validité des invitations (heures)",
        DefaultLanguage => "Langue des nouvelles personnes",
        PolicyTitle => "Politique d’autorisation",
        Manage => "Gérer",
        PolicyLevels => "Niveaux, du plus bas au plus haut",
        PolicyLevelsHint => {
            "Les niveaux de chaque habilitation, du plus bas au plus haut, séparés par des virgules. Ils déterminent qui peut accorder chaque niveau."
        }
        SeatsAndInvitations => "Licences, domaines et invitations",
        ChooseAccountTitle => "Choisissez un compte",
        ChooseAccountLead => {
            "Vous appartenez à plusieurs comptes. Dans lequel voulez-vous travailler ?"
        }
        Resend => "Renvoyer",
        Revoke => "Révoquer",
        PersonShared => {
            "Cette personne appartient aussi à des comptes où vous ne pouvez pas la gérer. Son appartenance à ce compte (rôle, habilitations, groupe, licence, retrait) relève de vous ; son identifiant, ses coordonnées et son état ne peuvent être modifiés que par une personne qui administre tous ses comptes."
        }
        JoinRequestedTitle => "En attente de l’acceptation",
        JoinRequestedLead => {
            "a déjà un identifiant Roster dans des comptes que vous n’administrez pas. Une demande pour rejoindre ce compte lui a été envoyée par courriel ; la personne apparaîtra parmi ses utilisateurs dès qu’elle l’aura acceptée."
        }
        AddAnother => "Ajouter un autre utilisateur",
        SeeJoinRequests => "Voir toutes les demandes en attente",
        JoinRequestsTitle => "En attente de l’acceptation",
        JoinRequestsLead => {
            "Des personnes ayant un identifiant Roster dans d’autres comptes, invitées par courriel à rejoindre celui-ci. Elles apparaissent parmi ses utilisateurs dès qu’elles acceptent."
        }
        NoJoinRequests => "Aucune demande en attente.",
        RequestedBy => "Demandée par",
        RequestedAt => "Demandée le",
        Withdraw => "Retirer",
        JoinTitle => "Rejoindre un compte",
        JoinConfirmLead => {
            "Une personne qui administre un compte Roster vous invite à le rejoindre. Continuez pour voir lequel, puis acceptez ou refusez."
        }
        JoinAsks => "vous invite à le rejoindre.",
        JoinAskedBy => "Demande de",
        JoinExplain => {
            "Si vous acceptez, l’administration de ce compte y gérera votre rôle, votre groupe, vos autorisations et votre licence. Votre identifiant, votre mot de passe et vos coordonnées restent les vôtres."
        }
        Accept => "Accepter",
        Decline => "Refuser",
        JoinAccepted => "Vous êtes désormais membre de",
        JoinDeclined => "Vous avez refusé : rien n’a changé.",
        MembershipRequested => "demande envoyée : membre dès son acceptation",
        ImportRequested => "invitation à rejoindre|invitations à rejoindre",
        SettingsReadOnly => {
            "Seule une personne détenant le plus haut niveau de chaque habilitation peut modifier ces paramètres."
        }
        MadeFrom => "depuis",
        ResetConfirmLead => {
            "Ce lien vous permet de choisir un nouveau mot de passe. Continuez quand vous le souhaitez."
        }
        ImportTitle => "Importer des utilisateurs",
        ImportLead => {
            "Ajoutez de nombreuses personnes à la fois depuis un fichier CSV. Roster vérifie ici chaque ligne, avant tout enregistrement, et vous permet de corriger sur place ce qui doit l’être."
        }
        ImportReading => "Lecture et vérification du fichier…",
        ImportStepTemplate => {
            "Téléchargez le modèle. Ouvrez-le dans Excel, LibreOffice ou tout autre tableur."
        }
        ImportDownloadTemplate => "Télécharger le modèle",
        ImportStepFill => {
            "Remplissez une ligne par personne : courriel, prénom et nom sont obligatoires. licence vaut oui ou non ; rôle vaut administrateur ou utilisateur ; groupe est le nom d’un groupe, vide pour le groupe par défaut. Enregistrez au format CSV (point-virgule ou virgule) ou Texte Unicode."
        }
        ImportChooseFile => "Choisir un fichier CSV",
        ImportDropHint => "Ou déposez le fichier ici. Jusqu’à 50 000 lignes et 10 Mo.",
        ImportRows => "ligne|lignes",
        ImportRowsIn => "lignes en",
        ImportReady => "prête à créer|prêtes à créer",
        ImportNeedAttention => "à corriger|à corriger",
        ImportCheckedIn => "Lecture et vérification de {rows} en {ms} ms.",
        ImportOnlyAttention => "Afficher seulement les lignes à corriger",
        ImportDownloadAnnotated => "Télécharger le fichier annoté",
        ImportAnotherFile => "Choisir un autre fichier",
        ImportCreate => "Créer les utilisateurs",
        ImportRowReady => "Prête",
        ImportRowDetailHint => "Sélectionnez une ligne pour lire ici le détail de ses anomalies.",
        ImportColumnPhone => "Téléphone",
        ImportColumnExchangeDomain => "Domaine Exchange",
        ImportColumnExchangeUsername => "Identifiant Exchange",
        ImportColumnAuthority => "Niveau {kind}",
        ImportLeftOut => "écartée|écartées",
        ImportLeftWithErrors => "non envoyée (erreurs)|non envoyées (erreurs)",
        ImportRow => "Ligne",
        ImportGridCaption => {
            "Les lignes du fichier : cliquez sur une cellule ou déplacez-vous avec les flèches ; \
             Entrée, F2, la saisie ou un second clic la modifie, Entrée garde la modification et \
             Échap l’annule. Chaque ligne est aussitôt vérifiée de nouveau."
        }
        ImportIssues => "Anomalies",
        ImportDropRow => "Écarter la ligne",
        ImportDrop => "Écarter",
        ImportResultsTitle => "Résultats",
        ImportCreating => "Création des utilisateurs…",
        ImportSent => "Lignes envoyées :",
        ImportRetryHint => "Rien n’a été créé en double : réessayez pour terminer l’import.",
        TryAgain => "Réessayer",
        ImportCreated => "créé|créés",
        ImportAdded => "ajouté depuis d’autres comptes|ajoutés depuis d’autres comptes",
        ImportRefused => "refusé|refusés",
        ImportNotSent => "non envoyée (annulation)|non envoyées (annulation)",
        ImportDownloadResults => "Télécharger les résultats",
        ImportInvite => "Inviter les utilisateurs importés",
        ImportFinish => "Terminer",
        ImportInvited => "Invitations envoyées :",
        ImportNotInvited => "non envoyées :",
        ImportUsers => "Importer des utilisateurs",
        ExportUsers => "Exporter en CSV",
        MyDetailsTitle => "Mes informations",
        MyDetailsLead => "Vos informations dans Roster : les mêmes dans chacun de vos comptes.",
        MyDetailsAdminLink => "Aller à l’administration",
        MyContactTitle => "Coordonnées",
        MyDetailsLocked => {
            "Vos coordonnées et votre courriel sont en lecture seule : l’un de vos groupes l’impose. Demandez à l’administration de les changer."
        }
        MyEmailPending => "En attente de l’ouverture du lien envoyé à",
        MyNewEmail => "Nouvelle adresse de courriel",
        MyEmailSend => "Envoyer un lien de confirmation",
        MyEmailConfirmTitle => "Confirmez votre nouvelle adresse de courriel",
        MyEmailConfirmLead => {
            "Ce lien confirme la nouvelle adresse de courriel de votre identifiant Roster. Continuez quand vous le souhaitez."
        }
        MyEmailConfirmed => {
            "Votre adresse de courriel a changé. Utilisez-la désormais pour vous connecter."
        }
        MyChallengeTitle => "Question de sécurité",
        MyChallengeNone => "Vous n’avez pas encore de question de sécurité.",
        MyChallengeQuestion => "Question",
        MyChallengeAnswer => "Réponse",
        MyChallengeAnswerHint => {
            "Les majuscules et les espaces autour de la réponse ne comptent pas."
        }
        MyChallengeSave => "Enregistrer la question et la réponse",
        MyNumberTitle => "Numéro d’autorisation",
        MyNumberLead => {
            "Ses quatre premiers chiffres forment votre code PIN : l’administration peut vous les demander au téléphone pour vérifier que c’est bien vous."
        }
        MyNumberHas => "Vous avez un numéro d’autorisation. En créer un nouveau remplace l’actuel.",
        MyNumberNone => "Vous n’avez pas encore de numéro d’autorisation.",
        MyNumberShownOnce => {
            "Votre nouveau numéro d’autorisation. Notez-le dès maintenant : il n’est affiché que cette fois."
        }
        MyNumberMake => "Créer un nouveau numéro",
        MySessionsTitle => "Vos sessions ouvertes",
        MySessionUnknownDevice => "Navigateur inconnu",
        MySessionThisDevice => "Cet appareil",
        MySessionStarted => "Connexion le",
        MySessionLastSeen => "dernière activité le",
        MySessionsEndOthers => "Se déconnecter partout ailleurs",
        MyAccountsTitle => "Mes comptes",
        MyLevels => "Niveaux d’autorisation",
        MyJoinTitle => "Invitations à rejoindre",
        MyJoinUntil => "jusqu’au",
        MyJoinAskedBy => "Demande de",
        MyActivityTitle => "Mon activité",
        MyActivityBy => "par",
        MyActivityIn => "dans",
        MyActivityOlder => "Afficher les plus anciennes",
        PinTitle => "Vérifier un code PIN",
        PinLead => {
            "Lorsque cette personne appelle, demandez-lui les quatre premiers chiffres de son numéro d’autorisation, son code PIN, et vérifiez-le ici."
        }
        PinLabel => "Code PIN",
        PinCheck => "Vérifier le code PIN",
        PinMatches => "Le code PIN correspond.",
        PinDoesNotMatch => "Le code PIN ne correspond pas.",
        EmbedNotFramed => {
            "Cette page ne s’ouvre que dans un portail approuvé par votre organisation."
        }
        EmbedSessionRefused => {
            "Cette page n’a pas pu s’ouvrir : la connexion transmise par le portail a été refusée ou a expiré. Rechargez la page du portail pour réessayer."
        }
        EmbeddingTitle => "Intégration dans un portail",
        EmbeddingOrigins => "Origines autorisées à afficher ces pages dans un cadre",
        EmbeddingOriginsHint => {
            "Une par ligne : le schéma (https, ou http pour localhost seulement), l’hôte et le port s’il y en a un."
        }
        SaveOrigins => "Enregistrer les origines",
        PortalKeys => "Clés de portail",
        PortalKeysHint => {
            "Le serveur d’un portail connecte les personnes aux pages intégrées avec une clé : gardez-la secrète, et révoquez-la quand elle ne sert plus."
        }
        PortalKeyName => "Nom de la nouvelle clé",
        CreatePortalKey => "Créer une clé",
        PortalKeySecret => "Le secret de la clé, affiché cette seule fois : copiez-le maintenant.",
        KeyCreated => "Créée le",
        KeyLastUsed => "Dernière utilisation",
        Never => "Jamais",
    }
}
