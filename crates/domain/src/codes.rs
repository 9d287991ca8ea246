//! The stable error codes of Roster, one enum for the whole product.
//!
//! A code is a dotted string (`user.username_locked_until_activation`) that never changes once
//! shipped: the server sends it in every problem+json answer, the app looks up the message to show
//! in the user's language, tests compare it. Each domain error maps to exactly one code through
//! [`Coded`]. Each code's entry holds its message in English and in French: an entry without
//! its French does not compile. The French follows French typography (a no-break space before a
//! colon, a narrow one before `;`, `?` and `!`, the typographic apostrophe), which the tests check.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Declares [`ErrorCode`] with its dotted code and its English and French messages in one table,
/// so that they can never disagree.
macro_rules! error_codes {
    ($( $variant:ident = $code:literal, $en:literal, $fr:literal; )*) => {
        /// Every stable error code Roster can answer with.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorCode { $( $variant, )* }

        impl ErrorCode {
            /// All codes, in declaration order (for catalogues and tests).
            pub const ALL: &'static [ErrorCode] = &[ $( ErrorCode::$variant, )* ];

            /// The stable dotted code, e.g. `email.invalid`.
            pub const fn as_str(self) -> &'static str {
                match self { $( ErrorCode::$variant => $code, )* }
            }

            /// The message shown to a person, in English.
            pub const fn message_en(self) -> &'static str {
                match self { $( ErrorCode::$variant => $en, )* }
            }

            /// The message shown to a person, in French.
            pub const fn message_fr(self) -> &'static str {
                match self { $( ErrorCode::$variant => $fr, )* }
            }

            /// The message shown to a person, in `language`. Inlined, so that a bundle built in
            /// one language keeps only that language's messages.
            #[inline(always)]
            pub const fn message(self, language: crate::values::Language) -> &'static str {
                match language {
                    crate::values::Language::En => self.message_en(),
                    crate::values::Language::Fr => self.message_fr(),
                }
            }
        }
    };
}

error_codes! {
    // Email addresses.
    EmailRequired = "email.required", "Enter an email address.",
        "Saisissez une adresse de courriel.";
    EmailTooLong = "email.too_long", "An email address can be at most 254 characters long.",
        "Une adresse de courriel ne peut pas dépasser 254 caractères.";
    EmailMissingAt = "email.missing_at", "An email address needs an @ between the name and the domain, like name@example.com.",
        "Une adresse de courriel contient un @ entre le nom et le domaine, comme nom@example.com.";
    EmailInvalidLocalPart = "email.invalid_local_part", "The part before the @ contains a character an email address cannot have.",
        "La partie avant le @ contient un caractère interdit dans une adresse de courriel.";
    EmailInvalidDomain = "email.invalid_domain", "The part after the @ is not a valid domain, like example.com.",
        "La partie après le @ n’est pas un domaine valide, comme example.com.";
    EmailNonAscii = "email.non_ascii", "Email addresses may only contain plain Latin letters, digits and punctuation; write an international domain in its xn-- form.",
        "Seuls les lettres sans accent, les chiffres et la ponctuation sont admis ; écrivez un domaine international sous sa forme xn--.";
    EmailMultipleAt = "email.multiple_at", "An email address can have only one @.",
        "Une adresse de courriel ne peut contenir qu’un seul @.";
    EmailLocalPartMissing = "email.local_part_missing", "Write the name before the @, like name@example.com.",
        "Écrivez le nom avant le @, comme nom@example.com.";
    EmailLocalPartTooLong = "email.local_part_too_long", "The part before the @ can be at most 64 characters long.",
        "La partie avant le @ ne peut pas dépasser 64 caractères.";
    EmailLocalPartDots = "email.local_part_dots", "The part before the @ cannot start or end with a dot or have two dots in a row.",
        "La partie avant le @ ne peut ni commencer ni finir par un point, ni contenir deux points de suite.";

    // Usernames.
    UsernameRequired = "username.required", "Enter a username.",
        "Saisissez un identifiant.";
    UsernameTooLong = "username.too_long", "A username can be at most 254 characters long.",
        "Un identifiant ne peut pas dépasser 254 caractères.";
    UsernameInvalidCharacter = "username.invalid_character", "A username may contain only letters a to z, digits and . _ - @ +.",
        "Un identifiant ne peut contenir que les lettres de a à z, des chiffres et les signes . _ - @ +.";
    UsernameInvalidStart = "username.invalid_start", "A username must start with a letter or a digit.",
        "Un identifiant doit commencer par une lettre ou un chiffre.";

    // Names of people.
    PersonNameRequired = "person_name.required", "Enter a name.",
        "Saisissez un nom.";
    PersonNameTooLong = "person_name.too_long", "A name can be at most 100 characters long.",
        "Un nom ne peut pas dépasser 100 caractères.";
    PersonNameForbiddenCharacter = "person_name.forbidden_character", "A name cannot contain control or invisible formatting characters.",
        "Un nom ne peut pas contenir de caractères de contrôle ou invisibles.";

    // Phone numbers.
    PhoneRequired = "phone.required", "Enter a phone number.",
        "Saisissez un numéro de téléphone.";
    PhoneMissingCountryCode = "phone.missing_country_code", "Start the phone number with + and the country code, like +1 555 010 0000.",
        "Commencez le numéro par + et l’indicatif du pays, comme +33 1 23 45 67 89.";
    PhoneInvalidCharacter = "phone.invalid_character", "A phone number may contain only digits, spaces, dots, dashes, slashes, parentheses, a leading + and an extension such as ext. 123.",
        "Un numéro ne contient que des chiffres, espaces, points, tirets, barres obliques, parenthèses, un + initial et un poste comme poste 123.";
    PhoneTooShort = "phone.too_short", "This phone number is too short to be a full international number.",
        "Ce numéro est trop court pour être un numéro international complet.";
    PhoneTooLong = "phone.too_long", "A phone number can have at most 15 digits, country code included.",
        "Un numéro de téléphone compte au plus 15 chiffres, indicatif du pays compris.";
    PhoneUnknownCountryCode = "phone.unknown_country_code", "This phone number does not start with a known country code.",
        "Ce numéro ne commence pas par un indicatif de pays connu.";
    PhoneInvalidExtension = "phone.invalid_extension", "Write the extension as 1 to 10 digits after the number, like +1 555 010 0000 ext. 123.",
        "Écrivez le numéro de poste en 1 à 10 chiffres après le numéro, comme +33 1 23 45 67 89 poste 123.";

    // Languages and identity providers.
    LanguageUnsupported = "language.unsupported", "Choose English (en) or French (fr).",
        "Choisissez l’anglais (en) ou le français (fr).";
    IdentityProviderInvalid = "identity_provider.invalid", "An identity provider is local, or a name of up to 64 letters, digits and dashes that does not start or end with a dash.",
        "Un fournisseur d’identité est local, ou un nom d’au plus 64 lettres, chiffres et tirets qui ne commence ni ne finit par un tiret.";

    // Exchange ActiveSync accounts.
    ExchangeIncomplete = "exchange.incomplete", "Give both the Exchange domain and the Exchange username, or neither.",
        "Indiquez à la fois le domaine Exchange et l’identifiant Exchange, ou ni l’un ni l’autre.";
    ExchangeInvalidDomain = "exchange.invalid_domain", "The Exchange domain must be a name like CORP (at most 15 letters, digits and dashes) or a domain like corp.example.com.",
        "Le domaine Exchange est un nom comme CORP (au plus 15 lettres, chiffres et tirets) ou un domaine comme corp.example.com.";
    ExchangeInvalidUsername = "exchange.invalid_username", "The Exchange username is at most 64 characters, without spaces or the characters \\ / [ ] : ; | = , + * ? < > \".",
        "L’identifiant Exchange ne peut pas dépasser 64 caractères, ni contenir d’espaces ou les caractères \\ / [ ] : ; | = , + * ? < > \".";

    // Group and account names.
    GroupNameRequired = "group_name.required", "Enter a group name.",
        "Saisissez un nom de groupe.";
    GroupNameTooLong = "group_name.too_long", "A group name can be at most 64 characters long.",
        "Un nom de groupe ne peut pas dépasser 64 caractères.";
    GroupNameForbiddenCharacter = "group_name.forbidden_character", "A group name cannot contain control or invisible formatting characters.",
        "Un nom de groupe ne peut pas contenir de caractères de contrôle ou de mise en forme invisibles.";
    AccountNameRequired = "account_name.required", "Enter an account name.",
        "Saisissez un nom de compte.";
    AccountNameTooLong = "account_name.too_long", "An account name can be at most 100 characters long.",
        "Un nom de compte ne peut pas dépasser 100 caractères.";
    AccountNameForbiddenCharacter = "account_name.forbidden_character", "An account name cannot contain control or invisible formatting characters.",
        "Un nom de compte ne peut pas contenir de caractères de contrôle ou de mise en forme invisibles.";

    // Approved email domains.
    DomainInvalid = "domain.invalid", "Write a domain like example.com, or *.example.com for all of its subdomains.",
        "Écrivez un domaine comme example.com, ou *.example.com pour tous ses sous-domaines.";
    DomainNotApproved = "domain.not_approved", "This email's domain is not one of the account's approved domains.",
        "Le domaine de cette adresse de courriel ne fait pas partie des domaines approuvés du compte.";

    // Embedding Roster in a portal: the origins that may frame it, portal keys and their tokens.
    EmbeddingOriginInvalid = "embedding_origin.invalid", "Write an origin like https://portal.example.com: the scheme, the host and, if needed, the port, without a path.",
        "Écrivez une origine comme https://portal.example.com : le protocole, l’hôte et, si besoin, le port, sans chemin.";
    EmbeddingOriginInsecure = "embedding_origin.insecure", "Use https://. Only localhost and 127.0.0.1 may be named with http://.",
        "Utilisez https://. Seuls localhost et 127.0.0.1 peuvent être indiqués avec http://.";
    EmbeddingOriginIpv6 = "embedding_origin.bracketed_host", "Browsers cannot match an IPv6 address in this list: name the host instead (http://localhost for this machine).",
        "Les navigateurs ne reconnaissent pas d’adresse IPv6 dans cette liste : indiquez plutôt le nom de l’hôte (http://localhost pour cette machine).";
    EmbeddingOriginDuplicate = "embedding_origin.duplicate", "This origin is already in the list.",
        "Cette origine figure déjà dans la liste.";
    EmbeddingOriginsTooMany = "embedding_origin.too_many", "At most 20 origins may frame Roster's pages.",
        "Au plus 20 origines peuvent intégrer les pages de Roster.";
    PortalKeyNameRequired = "portal_key_name.required", "Enter a name for the portal key.",
        "Saisissez un nom pour la clé de portail.";
    PortalKeyNameTooLong = "portal_key_name.too_long", "A portal key's name can be at most 64 characters long.",
        "Le nom d’une clé de portail ne peut pas dépasser 64 caractères.";
    PortalKeyNameForbiddenCharacter = "portal_key_name.forbidden_character", "A portal key's name cannot contain control or invisible formatting characters.",
        "Le nom d’une clé de portail ne peut pas contenir de caractères de contrôle ou de mise en forme invisibles.";
    EmbedUserNotMember = "embed.user_not_member", "This person is not an active member of the portal key's account.",
        "Cette personne n’est pas membre du compte de la clé de portail, ou n’y est pas active.";
    EmbedTokenInvalid = "embed.token_invalid", "This sign-in token no longer works: it expired, was already used, or its portal key was revoked. Ask the portal for a new one.",
        "Ce jeton de connexion ne fonctionne plus : il a expiré, a déjà servi, ou sa clé de portail a été révoquée. Demandez-en un nouveau au portail.";

    // Group policies and passwords.
    PolicyPasswordLengthOutOfRange = "policy.password_length_out_of_range", "The minimum password length must be between 8 and 128 characters.",
        "La longueur minimale du mot de passe doit être comprise entre 8 et 128 caractères.";
    PolicyIdleTimeoutOutOfRange = "policy.idle_timeout_out_of_range", "The session idle timeout must be between 5 and 1440 minutes.",
        "Le délai d’inactivité de la session doit être compris entre 5 et 1 440 minutes.";
    PasswordTooShort = "password.too_short", "This password is shorter than your group's minimum length.",
        "Ce mot de passe est plus court que la longueur minimale fixée par votre groupe.";
    PasswordTooLong = "password.too_long", "A password can be at most 128 characters long.",
        "Un mot de passe ne peut pas dépasser 128 caractères.";
    PasswordSameAsCurrent = "password.same_as_current", "Choose a password different from your current one.",
        "Choisissez un mot de passe différent de l’actuel.";
    PasswordCommon = "password.common", "This password is one of the most common ones, which are tried first. Choose one that is harder to guess.",
        "Ce mot de passe est parmi les plus courants. Choisissez-en un plus difficile à deviner.";
    PasswordPersonal = "password.personal", "A password cannot be your username, email address or name. Choose one that is harder to guess.",
        "Un mot de passe ne peut pas être votre identifiant, votre adresse de courriel ou votre nom. Choisissez-en un plus difficile à deviner.";
    PasswordPattern = "password.pattern", "This password is a repeated pattern or a simple sequence. Choose one that is harder to guess.",
        "Ce mot de passe est un motif répété ou une suite simple. Choisissez-en un plus difficile à deviner.";
    PasswordChallengeIncomplete = "password.challenge_incomplete", "Give both a challenge question and its answer, or leave both empty.",
        "Indiquez à la fois une question de sécurité et sa réponse, ou laissez les deux vides.";

    // Invitations.
    InvitationLifetimeOutOfRange = "invitation.lifetime_out_of_range", "The invitation lifetime must be between 1 hour and 90 days.",
        "La durée de validité d’une invitation doit être comprise entre 1 heure et 90 jours.";
    InvitationExpired = "invitation.expired", "This invitation has expired. Ask your administrator for a new one.",
        "Cette invitation a expiré. Demandez-en une nouvelle à l’administration de votre compte.";
    InvitationLinkInvalid = "invitation.link_invalid", "This link no longer works: it has expired, was already used or was replaced by a newer one. Ask your administrator for a new invitation.",
        "Ce lien ne fonctionne plus : il a expiré, a déjà servi ou a été remplacé. Demandez une nouvelle invitation à l’administration de votre compte.";
    JoinLinkInvalid = "join.link_invalid", "This link no longer works: it has expired, was already answered, or the request was withdrawn or replaced by a newer one.",
        "Ce lien ne fonctionne plus : il a expiré, la demande a reçu une réponse, ou elle a été retirée ou remplacée.";
    JoinNoLongerValid = "join.no_longer_valid", "This request is no longer valid: the administrator who sent it can no longer grant what it asked for. Ask them to send a new one.",
        "Cette demande n’est plus valable : son auteur ne peut plus accorder ce qu’elle demandait. Demandez-lui-en une nouvelle.";
    PasswordResetLinkInvalid = "password_reset.link_invalid", "This link no longer works: it has expired or was already used. Ask for a new one from the sign-in page.",
        "Ce lien ne fonctionne plus : il a expiré ou a déjà servi. Demandez-en un nouveau depuis la page de connexion.";

    // The user lifecycle.
    UserActionNotAllowed = "user.action_not_allowed", "This action is not available for a user in this state.",
        "Cette action n’est pas possible pour un utilisateur dans cet état.";
    UserUsernameLockedUntilActivation = "user.username_locked_until_activation", "The username can only be changed after the user has activated their account.",
        "L’identifiant ne peut être modifié qu’une fois le compte activé par l’utilisateur.";
    UserDeprovisionedNotEditable = "user.deprovisioned_not_editable", "A removed user cannot be edited. Restore the user first.",
        "Un utilisateur retiré ne peut pas être modifié. Restaurez-le d’abord.";

    // Authorization.
    AuthzNotAdmin = "authz.not_admin", "Only an administrator of this account can do this.",
        "Seule une personne qui administre ce compte peut faire cela.";
    AuthzInsufficientAuthority = "authz.insufficient_authority", "You do not hold the authority needed to grant or revoke this level, or to manage a person who holds it.",
        "Vous ne détenez pas l’habilitation nécessaire pour accorder ou retirer ce niveau, ou pour gérer une personne qui le détient.";
    AuthzSelfChange = "authz.self_change", "You cannot change your own role, authorities or state, or remove yourself. Ask another administrator.",
        "Vous ne pouvez pas modifier votre propre rôle, vos habilitations ou votre état, ni vous retirer vous-même. Adressez-vous à une autre personne qui administre le compte.";
    AuthzLastActiveAdmin = "authz.last_active_admin", "An account must keep at least one active administrator.",
        "Un compte doit toujours avoir au moins une personne active qui l’administre.";
    AuthzUnknownKind = "authz.unknown_kind", "This authority does not exist in the account's policy.",
        "Cette habilitation n’existe pas dans la politique du compte.";
    AuthzUnknownLevel = "authz.unknown_level", "This level does not exist for this authority.",
        "Ce niveau n’existe pas pour cette habilitation.";
    AuthzPolicyChangeNotAllowed = "authz.policy_change_not_allowed", "Only an administrator holding the top level of every authority can change the account's settings and policy.",
        "Seule une personne détenant le plus haut niveau de chaque habilitation peut modifier les paramètres et la politique du compte.";
    AuthzPersonShared = "authz.person_shared", "This person also belongs to accounts where you may not manage them, so their login, details and state can be changed only by administrators of all their accounts. You can still change their membership of this account.",
        "Cette personne appartient aussi à des comptes où vous ne pouvez pas la gérer : son identifiant, ses coordonnées et son état ne peuvent être modifiés que par une personne qui administre tous ses comptes. Vous pouvez toujours modifier son appartenance à ce compte.";
    AuthzGroupHasSuperiors = "authz.group_has_superiors", "This group has members you may not manage, so only an administrator who may manage all of them can change its policy or move them.",
        "Ce groupe a des membres que vous ne pouvez pas gérer : seule une personne pouvant tous les gérer peut modifier ses règles ou les déplacer.";
    AuthzPolicyInvalid = "authz.policy_invalid", "This authorization policy is not valid.",
        "Cette politique d’autorisation n’est pas valide.";
    AuthzNotAnAdminAction = "authz.not_an_admin_action", "Only the user or the system can do this, not an administrator.",
        "Seuls l’utilisateur lui-même ou le système peuvent faire cela, pas l’administration.";

    // Licence seats.
    SeatsNoneFree = "seats.none_free", "All licence seats are in use. Free one or buy more seats first.",
        "Toutes les licences sont utilisées. Libérez-en une ou achetez-en d’autres d’abord.";
    SeatsAlreadyLicensed = "seats.already_licensed", "This user already holds a licence seat.",
        "Cet utilisateur détient déjà une licence.";
    SeatsNotLicensed = "seats.not_licensed", "This user does not hold a licence seat.",
        "Cet utilisateur ne détient pas de licence.";
    SeatsBelowUsed = "seats.below_used", "Seats bought cannot be fewer than the seats in use.",
        "Le nombre de licences achetées ne peut pas être inférieur au nombre de licences utilisées.";
    SeatsTransferToSelf = "seats.transfer_to_self", "A licence cannot be transferred to the user who already holds it.",
        "Une licence ne peut pas être transférée à l’utilisateur qui la détient déjà.";

    // Requests (answered by the server whatever the resource).
    RequestNotFound = "request.not_found", "There is nothing at this address, or you do not have access to it.",
        "Il n’y a rien à cette adresse, ou vous n’y avez pas accès.";
    RequestMalformedJson = "request.malformed_json", "The request body is not valid JSON.",
        "Le corps de la requête n’est pas du JSON valide.";
    RequestUnsupportedMediaType = "request.unsupported_media_type", "Send the request body as JSON (Content-Type: application/json).",
        "Envoyez le corps de la requête en JSON (en-tête Content-Type à application/json).";
    RequestUnknownField = "request.unknown_field", "The request has a field this endpoint does not know.",
        "La requête contient un champ que ce point d’accès ne connaît pas.";
    RequestInvalidValue = "request.invalid_value", "A field of the request is missing or has the wrong type.",
        "Un champ de la requête est absent ou n’a pas le bon type.";
    RequestInvalidQuery = "request.invalid_query", "A search or filter parameter has a value that is not allowed.",
        "Un paramètre de recherche ou de filtre a une valeur non autorisée.";
    RequestCrossOrigin = "request.cross_origin", "This request did not come from Roster's own pages, so it was refused.",
        "Cette requête ne vient pas des pages de Roster : elle a été refusée.";
    RequestPreconditionRequired = "request.precondition_required", "Send the version you are changing (If-Match) so that nobody else's changes are overwritten.",
        "Envoyez la version que vous modifiez (If-Match) pour ne pas écraser les modifications de quelqu’un d’autre.";
    RequestStale = "request.stale", "Someone else changed this in the meantime. Reload to see their changes, then make yours again.",
        "Quelqu’un d’autre a fait une modification entre-temps. Rechargez pour la voir, puis refaites les vôtres.";
    RequestTooMany = "request.too_many", "Too many requests. Wait a moment and try again.",
        "Trop de requêtes. Patientez un instant et réessayez.";
    RequestTooLarge = "request.too_large", "The request is too large.",
        "La requête est trop volumineuse.";
    RequestTimeout = "request.timeout", "The request took too long. Try again.",
        "La requête a pris trop de temps. Réessayez.";
    RequestInvalid = "request.invalid", "Some fields need attention.",
        "Certains champs sont à corriger.";
    ServerInternal = "server.internal", "Something went wrong on our side. Nothing was changed; please try again.",
        "Un problème est survenu de notre côté. Rien n’a été modifié ; veuillez réessayer.";

    // Signing in.
    AuthUnauthenticated = "auth.unauthenticated", "Sign in to continue.",
        "Connectez-vous pour continuer.";
    AuthInvalidCredentials = "auth.invalid_credentials", "The username or password is not right.",
        "L’identifiant ou le mot de passe est incorrect.";
    AuthLocked = "auth.locked", "Too many failed sign-ins: this account is locked for 15 minutes, or until an administrator unlocks it.",
        "Trop d’échecs de connexion : ce compte est verrouillé 15 minutes, ou jusqu’à son déverrouillage par l’administration.";
    AuthForbidden = "auth.forbidden", "You do not have access to this.",
        "Vous n’y avez pas accès.";
    AuthPasswordChangeRequired = "auth.password_change_required", "Choose a new password before you continue.",
        "Choisissez un nouveau mot de passe avant de continuer.";
    AuthCurrentPasswordWrong = "auth.current_password_wrong", "Your current password is not right.",
        "Votre mot de passe actuel est incorrect.";
    AuthThrottled = "auth.throttled", "Too many attempts. Wait a little, then try again.",
        "Trop de tentatives. Patientez un peu, puis réessayez.";

    // My details.
    MeDetailsLocked = "me.details_locked", "A group you belong to does not let its members edit their own details. Ask an administrator to change them.",
        "L’un de vos groupes ne permet pas de modifier vos propres informations. Demandez à l’administration de les changer.";
    MeEmailUnchanged = "me.email_unchanged", "This is already your email address.",
        "C’est déjà votre adresse de courriel.";
    MeEmailTaken = "me.email_taken", "Another Roster login already answers to this email address.",
        "Un autre identifiant Roster utilise déjà cette adresse de courriel.";
    MeEmailLinkInvalid = "me.email_link_invalid", "This link no longer works: it has expired, was already used or was replaced by a newer one. Change your email again from My details.",
        "Ce lien ne fonctionne plus : il a expiré, a déjà servi ou a été remplacé. Changez de nouveau votre adresse depuis Mes informations.";
    MeChallengeRequired = "me.challenge_required", "Give both a question and its answer.",
        "Indiquez à la fois une question et sa réponse.";
    MeChallengeTooLong = "me.challenge_too_long", "A challenge question or answer can be at most 200 characters long.",
        "Une question de sécurité ou sa réponse ne peut pas dépasser 200 caractères.";
    PinInvalid = "pin.invalid", "A PIN is the first four digits of the person's authorization number.",
        "Un code PIN est formé des quatre premiers chiffres du numéro d’autorisation de la personne.";
    PinNotSet = "pin.not_set", "This person has no authorization number yet: they can make one in My details.",
        "Cette personne n’a pas encore de numéro d’autorisation : elle peut en créer un dans Mes informations.";

    // Uniqueness and groups.
    UserUsernameTaken = "user.username_taken", "This username is already taken.",
        "Cet identifiant est déjà pris.";
    UserAlreadyMember = "user.already_member", "This person is already a member of this account.",
        "Cette personne est déjà membre de ce compte.";
    GroupNameTaken = "group.name_taken", "A group with this name already exists in this account.",
        "Un groupe de ce nom existe déjà dans ce compte.";
    GroupNotEmpty = "group.not_empty", "This group still has members. Move them to another group first.",
        "Ce groupe a encore des membres. Déplacez-les d’abord vers un autre groupe.";
    GroupDefaultNotDeletable = "group.default_not_deletable", "The default group cannot be deleted.",
        "Le groupe par défaut ne peut pas être supprimé.";

    // Importing users from a CSV file: the file as a whole.
    ImportEmpty = "import.empty", "This file is empty. Fill in the template with one person per row and choose it again.",
        "Ce fichier est vide. Remplissez le modèle avec une personne par ligne et choisissez-le de nouveau.";
    ImportBinary = "import.binary", "This file is not a CSV text file (it may be a workbook or an archive). In your spreadsheet, save it as CSV and choose that file.",
        "Ce fichier n’est pas un fichier texte CSV (c’est peut-être un classeur ou une archive). Dans votre tableur, enregistrez-le au format CSV et choisissez ce fichier.";
    ImportTooLarge = "import.too_large", "This file is larger than 10 MB. Split it into smaller files and import them one by one.",
        "Ce fichier dépasse 10 Mo. Divisez-le en fichiers plus petits et importez-les un par un.";
    ImportTooManyRows = "import.too_many_rows", "This file has more than 50,000 rows. Split it into smaller files and import them one by one.",
        "Ce fichier compte plus de 50 000 lignes. Divisez-le en fichiers plus petits et importez-les un par un.";
    ImportTooManyColumns = "import.too_many_columns", "This file has more than 64 columns. Keep the template's columns and remove the others.",
        "Ce fichier compte plus de 64 colonnes. Gardez les colonnes du modèle et supprimez les autres.";
    ImportMissingColumns = "import.missing_columns", "The first row must name the columns, with at least email, first_name and last_name (or courriel, prénom and nom). Start from the template.",
        "La première ligne doit nommer les colonnes, avec au moins courriel, prénom et nom (ou email, first_name et last_name). Partez du modèle.";
    ImportQuotesUnbalanced = "import.quotes_unbalanced", "The quotes (\") in this file do not pair up, so its rows cannot be told apart. Check the quotes and save the file again.",
        "Les guillemets (\") de ce fichier ne vont pas par paires : ses lignes ne peuvent pas être distinguées. Vérifiez les guillemets et enregistrez de nouveau le fichier.";
    // Importing: the header and each row.
    ImportUnknownColumn = "import.unknown_column", "Roster does not know this column; it is ignored.",
        "Roster ne connaît pas cette colonne ; elle est ignorée.";
    ImportDuplicateColumn = "import.duplicate_column", "This column appears twice; only the first one is read.",
        "Cette colonne apparaît deux fois ; seule la première est lue.";
    ImportFieldCount = "import.field_count", "This row has more or fewer values than the header has columns. Check for a missing or extra separator.",
        "Cette ligne n’a pas autant de valeurs que l’en-tête a de colonnes. Vérifiez qu’il ne manque pas un séparateur ou qu’il n’y en a pas un de trop.";
    ImportFieldTooLong = "import.field_too_long", "A value can be at most 1,000 characters long; this one was cut.",
        "Une valeur ne peut pas dépasser 1 000 caractères ; celle-ci a été coupée.";
    ImportUnterminatedQuote = "import.unterminated_quote", "A quote (\") opened in this row is never closed; only the row's own line was read.",
        "Un guillemet (\") ouvert dans cette ligne n’est jamais fermé ; seule la ligne elle-même a été lue.";
    ImportDuplicateEmail = "import.duplicate_email", "This email address is already on an earlier row of the file.",
        "Cette adresse de courriel figure déjà sur une ligne précédente du fichier.";
    ImportDuplicateUsername = "import.duplicate_username", "This username is already on an earlier row of the file.",
        "Cet identifiant figure déjà sur une ligne précédente du fichier.";
    ImportExistsElsewhere = "import.exists_elsewhere", "This person already has a Roster login in another account: they will be added to this one.",
        "Cette personne a déjà un identifiant Roster dans un autre compte : elle sera ajoutée à celui-ci.";
    ImportJoinRequest = "import.join_request", "This person already has a Roster login in accounts you do not administer: they will be emailed to accept joining this one, and appear here once they do.",
        "Cette personne a déjà un identifiant Roster dans des comptes que vous n’administrez pas : elle recevra un courriel pour accepter de rejoindre celui-ci, et y apparaîtra une fois qu’elle aura accepté.";
    ImportUnknownGroup = "import.unknown_group", "This account has no group with this name. Leave it empty for the default group.",
        "Ce compte n’a aucun groupe de ce nom. Laissez vide pour le groupe par défaut.";
    ImportInvalidRole = "import.invalid_role", "Write admin or user (or leave it empty for user).",
        "Écrivez administrateur ou utilisateur (admin ou user), ou laissez vide pour utilisateur.";
    ImportInvalidYesNo = "import.invalid_yes_no", "Write yes or no (oui or non), or leave it empty for no.",
        "Écrivez oui ou non (yes ou no), ou laissez vide pour non.";
    ImportSeatsExceeded = "import.seats_exceeded", "There are not enough free licence seats for every row that asks for one; this row is beyond them. Buy more seats or write no.",
        "Il n’y a pas assez de licences libres pour toutes les lignes qui en demandent une ; cette ligne dépasse le nombre disponible. Achetez des licences ou écrivez non.";
    ImportIdempotencyMismatch = "import.idempotency_mismatch", "This import key was already used for different rows. Start the import again.",
        "Cette clé d’import a déjà servi pour d’autres lignes. Recommencez l’import.";
    ImportKeyRequired = "import.key_required", "Send an Idempotency-Key header with each import request, so that a retry creates nobody twice.",
        "Envoyez un en-tête Idempotency-Key avec chaque requête d’import, pour qu’une nouvelle tentative ne crée personne en double.";
    ImportTooManyInChunk = "import.too_many_in_chunk", "Send at most 500 rows in one request.",
        "Envoyez au plus 500 lignes par requête.";
}

impl ErrorCode {
    /// Looks a code up by its dotted string.
    pub fn parse(code: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code string that names no [`ErrorCode`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown error code {0:?}")]
pub struct UnknownCode(pub String);

impl FromStr for ErrorCode {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ErrorCode::parse(s).ok_or_else(|| UnknownCode(s.to_owned()))
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        ErrorCode::parse(&s).ok_or_else(|| serde::de::Error::custom(UnknownCode(s)))
    }
}

/// A domain error that reaches a person: it has a stable code.
pub trait Coded {
    /// The stable code of this error.
    fn code(&self) -> ErrorCode;
}

#[cfg(test)]
mod tests;
