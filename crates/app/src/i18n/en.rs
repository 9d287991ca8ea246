//! The English catalogue. A French one will sit beside it, with the same match arms.

use super::Key;

/// The English text of `key`; inlined, as `t` is.
#[inline(always)]
pub const fn text(key: Key) -> &'static str {
    use Key::*;
    match key {
        ProductName => "Roster",
        SkipToContent => "Skip to content",
        NotFoundTitle => "Page not found",
        NotFoundLead => "There is no page at this address.",
        NotFoundHome => "Go to the start page",
        NetworkError => "Roster could not be reached. Check your connection and try again.",
        UnexpectedError => "Something went wrong. Try again later.",
        Loading => "Loading…",
        SignInTitle => "Sign in to Roster",
        SignInLead => "Use your username or email address.",
        Username => "Username or email",
        UsernameLabel => "Username",
        Password => "Password",
        SignIn => "Sign in",
        SigningIn => "Signing in…",
        SignOut => "Sign out",
        Account => "Account",
        MainNavigation => "Main",
        NavUsers => "Users",
        NavGroups => "Groups",
        NavAudit => "Audit log",
        SeatsUsed => "Seats used",
        SeatsCount => "{used} of {total}",
        UsersTitle => "Users",
        Search => "Search",
        SearchHint => "Name, email or username",
        FilterState => "State",
        FilterRole => "Role",
        FilterGroup => "Group",
        FilterLicence => "Licence",
        Any => "Any",
        Sort => "Sort by",
        SortName => "Name (A–Z)",
        SortNameDesc => "Name (Z–A)",
        SortEmail => "Email",
        SortState => "State",
        SortNewest => "Newest first",
        Filters => "Filters",
        FiltersActive => "active",
        Pages => "Pages",
        AddUser => "Add user",
        Name => "Name",
        Email => "Email",
        State => "State",
        Role => "Role",
        Group => "Group",
        Licence => "Licence",
        Licensed => "Licensed",
        NotLicensed => "No licence",
        SelectAll => "Select all users on this page",
        SelectUser => "Select",
        Selected => "selected",
        Suspend => "Suspend",
        ActionActivate => "Activate",
        ActionLock => "Lock",
        Unsuspend => "Unsuspend",
        Unlock => "Unlock",
        Remove => "Remove from account",
        Restore => "Restore",
        Deprovision => "Deprovision",
        DeleteForGood => "Delete for good",
        MoveToGroup => "Move to group",
        Move => "Move",
        ResultsTitle => "Results",
        Done => "Done",
        NoUsers => "No users match.",
        Previous => "Previous",
        Next => "Next",
        PageOf => "Page",
        UsersTotal => "users",
        UserTotalOne => "user",
        StateStaged => "Not invited",
        StateInvited => "Waiting for activation",
        StateActive => "Active",
        StateSuspended => "Suspended",
        StateLocked => "Locked",
        StateDeprovisioned => "Deprovisioned",
        RoleAdmin => "Administrator",
        RoleUser => "User",
        AddUserTitle => "Add a user",
        AddUserLead => "Fields are checked as you type, with the same rules the server applies.",
        FirstName => "First name",
        LastName => "Last name",
        Phone => "Phone (with country code)",
        PhoneExtension => "ext.",
        PhoneHint => "For example +1 555 010 0000",
        Language => "Language",
        LanguageEn => "English",
        LanguageFr => "French",
        SameAsUsername => "Same as username: the email address is the username",
        IdentityProvider => "Identity provider",
        LocalPassword => "Roster password",
        IdentityProviderHint => {
            "Leave empty for a Roster password, or name the single sign-on provider (for example okta)."
        }
        ExchangeTitle => "Exchange ActiveSync",
        ExchangeHint => "Optional: both the domain and the username, or neither.",
        ExchangeDomain => "Exchange domain",
        ExchangeUsername => "Exchange username",
        SaveAndInvite => "Save and send invitation",
        SaveAndSetPassword => "Save and set a temporary password",
        AlsoInAccounts => "Also add to these accounts",
        LevelsTitle => "Authorization levels",
        SaveWithoutInviting => "Save without inviting",
        Saving => "Saving…",
        Cancel => "Cancel",
        FixFields => "Some fields need attention.",
        EditUser => "Edit",
        Save => "Save changes",
        Saved => "Saved.",
        StaleTitle => {
            "Someone else changed this user while you were editing. Reload to see their changes, then make yours again."
        }
        Reload => "Reload",
        BackToUsers => "Back to users",
        Profile => "Profile",
        Actions => "Actions",
        Memberships => "Accounts",
        ConfirmDelete => "Delete this user for good? This cannot be undone.",
        GroupsTitle => "Groups",
        NewGroup => "New group",
        GroupName => "Group name",
        Members => "Members",
        MinPasswordLength => "Minimum password length",
        IdleTimeout => "Session idle timeout (minutes)",
        MayEditOwnDetails => "Members may edit their own details",
        Yes => "Yes",
        No => "No",
        Create => "Create",
        Delete => "Delete",
        DefaultGroup => "Default",
        MoveMembersTo => "Move its members to",
        AuditTitle => "Audit log",
        When => "When",
        Who => "Who",
        What => "What",
        Target => "Target",
        Changes => "Changes",
        FilterAction => "Action",
        Older => "Older entries",
        AuditPerson => "Person",
        AuditFrom => "From",
        AuditTo => "To",
        AuditClear => "Show everyone",
        AuditOnlyPerson => "Only this person's entries",
        AuditNone => "No entries match these filters.",
        AuditPhone => "Phone",
        AuditIdentityProvider => "Identity provider",
        AuditExchangeDomain => "Exchange domain",
        AuditExchangeUsername => "Exchange username",
        AuditMustChangePassword => "Must change password",
        AuditInvitationExpires => "Invitation expires",
        AuditDefaultGroup => "Default group",
        AuditMembersMoved => "Members moved",
        AuditReason => "Reason",
        AuditChangeAsked => "Change asked for",
        AuditPinMatched => "PIN matched",
        AuditTransferLicence => "Transfer a licence",
        AuditNewMembership => "Membership",
        AuditGroupPolicy => "Group policy",
        SendInvitation => "Send invitation",
        ResendInvitation => "Resend invitation",
        RevokeInvitation => "Revoke invitation",
        SetTemporaryPassword => "Set a temporary password",
        TemporaryPasswordShown => {
            "Give this temporary password to the user now: it is not shown again and never emailed. They choose their own at first sign-in."
        }
        InvitationSent => "Invitation sent.",
        UserAdded => "User added.",
        UserAddedInvited => "User added, and the invitation sent.",
        LicenceTransferred => "Licence transferred.",
        ManageSeats => "Manage the people holding seats",
        TransferTitle => "Transfer the licence",
        TransferLead => {
            "The seat moves in one step to the person you choose: someone active who holds none."
        }
        TransferSearch => "Give it to (name or email)",
        TransferTo => "Transfer the licence to",
        UserDeleted => "User deleted for good.",
        GrantsSaved => "Role and authorization levels saved.",
        InvitationExpired => "Invitation expired",
        NavInvitations => "Invitations",
        NavMailbox => "Mailbox",
        InvitationsTitle => "Invitations",
        InvitationsLead => "People invited who have not activated their account yet.",
        InvitationPending => "Pending",
        Expires => "Link expires",
        NoInvitations => "Nobody is waiting for activation.",
        SelectInvitation => "Select",
        MailboxTitle => "Mailbox",
        MailboxLead => {
            "No SMTP server is configured, so the emails Roster writes stay here instead of being sent."
        }
        MailboxEmpty => "No emails yet.",
        MailboxUnavailable => "This server sends its emails by SMTP, so there is no local mailbox.",
        To => "To",
        ActivateTitle => "Activate your account",
        ActivateConfirmLead => {
            "This link activates your Roster account. Continue when you are ready."
        }
        Continue => "Continue",
        ActivateLead => "Choose the password you will sign in with.",
        NewPassword => "New password",
        ConfirmPassword => "New password again",
        MinimumLength => "Minimum length in characters:",
        ChallengeQuestion => "Challenge question (optional)",
        ChallengeAnswer => "Answer to the challenge question",
        ActivateButton => "Activate my account",
        Working => "Working…",
        LinkInvalidTitle => "This link no longer works",
        PasswordsDiffer => "The two passwords are not the same.",
        ForgotPassword => "Forgot your password?",
        ForgotTitle => "Reset your password",
        ForgotLead => {
            "Enter your email address. If it belongs to a Roster account, we email you a link to choose a new password."
        }
        SendLink => "Email me a link",
        ResetSent => {
            "If this address belongs to an account, a link is on its way. It works for one hour."
        }
        ResetTitle => "Choose a new password",
        ResetDone => "Your password is changed. Sign in with it.",
        SetPassword => "Set password",
        ChangePasswordTitle => "Choose a new password",
        ChangePasswordLead => {
            "You signed in with a temporary password. Choose your own to continue."
        }
        ChangePasswordLeadByChoice => {
            "Give your current password, then the new one. You stay signed in here; your other sessions end."
        }
        CurrentPassword => "Current password",
        ChangePassword => "Change password",
        BackToSignIn => "Back to sign-in",
        InviteOrResend => "Invite or resend",
        RoleAndAuthorities => "Role and authorities",
        SaveGrants => "Save role and authorities",
        SelectAllAccounts => "Select all accounts",
        NotAMember => "not a member",
        AddToAccounts => "Add to the selected accounts",
        RemoveFromAccounts => "Remove from the selected accounts",
        Authority => "Authority",
        NoAuthority => "None",
        AssignLicence => "Assign a licence",
        ReleaseLicence => "Release the licence",
        OutsideDomains => "Outside approved domains",
        NavSettings => "Settings",
        SettingsTitle => "Account settings",
        SeatsBought => "Licence seats bought",
        ApprovedDomains => "Approved email domains",
        ApprovedDomainsHint => {
            "One per line, like example.com or *.example.com. Leave empty to allow any."
        }
        DomainsApproved => "The account approves:",
        DomainLine => "Line",
        InvitationLifetime => "Invitation lifetime (hours)",
        DefaultLanguage => "Language of new people",
        PolicyTitle => "Authorization policy",
        Manage => "Manage",
        PolicyLevels => "Levels, lowest first",
        PolicyLevelsHint => {
            "Each authority's levels, lowest first, separated by commas. Who may grant each level follows from them."
        }
        SeatsAndInvitations => "Seats, domains and invitations",
        ChooseAccountTitle => "Choose an account",
        ChooseAccountLead => "You belong to several accounts. Which one do you want to work in?",
        Resend => "Resend",
        Revoke => "Revoke",
        PersonShared => {
            "This person also belongs to accounts where you may not manage them. Their membership of this account (role, authorities, group, licence, removal) is yours to change; their login, details and state are changed only by administrators of all their accounts."
        }
        JoinRequestedTitle => "Waiting for the person to accept",
        JoinRequestedLead => {
            "already has a Roster login in accounts you do not administer. They were emailed a request to join this account, and appear among its users once they accept."
        }
        AddAnother => "Add another user",
        SeeJoinRequests => "See every request waiting",
        JoinRequestsTitle => "Waiting for the person to accept",
        JoinRequestsLead => {
            "People with a Roster login in other accounts, asked by email to join this one. They appear among its users once they accept."
        }
        NoJoinRequests => "No request is waiting.",
        RequestedBy => "Asked by",
        RequestedAt => "Asked on",
        Withdraw => "Withdraw",
        JoinTitle => "Join an account",
        JoinConfirmLead => {
            "An administrator asked you to join an account in Roster. Continue to see which one, then accept or decline."
        }
        JoinAsks => "asks you to join it.",
        JoinAskedBy => "Asked by",
        JoinExplain => {
            "If you accept, its administrators can manage your membership of it: your role, group, authorizations and licence there. Your login, password and details stay yours and your own accounts' to manage."
        }
        Accept => "Accept",
        Decline => "Decline",
        JoinAccepted => "You are now a member of",
        JoinDeclined => "You declined: nothing changed.",
        MembershipRequested => "asked to join: a member once they accept",
        ImportRequested => "asked to join",
        SettingsReadOnly => {
            "Only an administrator holding the top level of every authority can change these settings."
        }
        MadeFrom => "made from",
        ResetConfirmLead => {
            "This link lets you choose a new password. Continue when you are ready."
        }
        ImportTitle => "Import users",
        ImportLead => {
            "Add many people at once from a CSV file. Roster checks every row here, before anything is saved, and lets you fix what needs it in place."
        }
        ImportReading => "Reading and checking the file…",
        ImportStepTemplate => {
            "Download the template. Open it in Excel, LibreOffice or any spreadsheet."
        }
        ImportDownloadTemplate => "Download the template",
        ImportStepFill => {
            "Fill in one person per row: email, first_name and last_name are required. licence is yes or no; role is admin or user; group is a group's name, empty for the default group. Save as CSV (comma or semicolon) or Unicode text."
        }
        ImportChooseFile => "Choose a CSV file",
        ImportDropHint => "Or drop the file here. Up to 50,000 rows and 10 MB.",
        ImportRows => "row|rows",
        ImportRowsIn => "rows in",
        ImportReady => "ready to create",
        ImportNeedAttention => "needs attention|need attention",
        ImportCheckedIn => "Read and checked {rows} in {ms} ms.",
        ImportOnlyAttention => "Show only the rows that need attention",
        ImportDownloadAnnotated => "Download the file with its issues",
        ImportAnotherFile => "Choose another file",
        ImportCreate => "Create accounts",
        ImportRowReady => "Ready",
        ImportRowDetailHint => "Select a row to read its issues in full here.",
        ImportColumnPhone => "Phone",
        ImportColumnExchangeDomain => "Exchange domain",
        ImportColumnExchangeUsername => "Exchange username",
        ImportColumnAuthority => "{kind} level",
        ImportLeftOut => "left out",
        ImportLeftWithErrors => "left with errors, not sent",
        ImportRow => "Row",
        ImportGridCaption => {
            "The file's rows: click a cell or move with the arrow keys; Enter, F2, typing or a second \
             click edits it, Enter keeps the change and Escape cancels it. Each row is checked \
             again at once."
        }
        ImportIssues => "Issues",
        ImportDropRow => "Leave out row",
        ImportDrop => "Leave out",
        ImportResultsTitle => "Results",
        ImportCreating => "Creating accounts…",
        ImportSent => "Rows sent:",
        ImportRetryHint => "Nothing was created twice: try again to finish the import.",
        TryAgain => "Try again",
        ImportCreated => "created",
        ImportAdded => "added from other accounts",
        ImportRefused => "refused",
        ImportNotSent => "not sent (cancelled)",
        ImportDownloadResults => "Download the results",
        ImportInvite => "Invite the imported users",
        ImportFinish => "Finish",
        ImportInvited => "Invitations sent:",
        ImportNotInvited => "not sent:",
        ImportUsers => "Import users",
        ExportUsers => "Export CSV",
        MyDetailsTitle => "My details",
        MyDetailsLead => "Your details in Roster: the same in every account you belong to.",
        MyDetailsAdminLink => "Go to administration",
        MyContactTitle => "Contact details",
        MyDetailsLocked => {
            "Your contact details and email are read-only: a group you belong to does not let its members edit their own details. Ask an administrator of that account to change them."
        }
        MyEmailPending => "Waiting for you to open the link sent to",
        MyNewEmail => "New email address",
        MyEmailSend => "Send a confirmation link",
        MyEmailConfirmTitle => "Confirm your new email address",
        MyEmailConfirmLead => {
            "This link confirms the new email address of your Roster login. Continue when you are ready."
        }
        MyEmailConfirmed => "Your email address has changed. Use it to sign in from now on.",
        MyChallengeTitle => "Challenge question",
        MyChallengeNone => "You have no challenge question yet.",
        MyChallengeQuestion => "Question",
        MyChallengeAnswer => "Answer",
        MyChallengeAnswerHint => "Capital letters and spaces around it do not matter.",
        MyChallengeSave => "Save question and answer",
        MyNumberTitle => "Authorization number",
        MyNumberLead => {
            "Its first four digits are your PIN: an administrator may ask for them when you call, to know that it is you."
        }
        MyNumberHas => "You have an authorization number. Making a new one replaces it.",
        MyNumberNone => "You have no authorization number yet.",
        MyNumberShownOnce => {
            "Your new authorization number. Write it down now: it is shown only this once."
        }
        MyNumberMake => "Make a new number",
        MySessionsTitle => "Where you are signed in",
        MySessionUnknownDevice => "Unknown browser",
        MySessionThisDevice => "This device",
        MySessionStarted => "Signed in",
        MySessionLastSeen => "last seen",
        MySessionsEndOthers => "Sign out everywhere else",
        MyAccountsTitle => "My accounts",
        MyLevels => "Authorization levels",
        MyJoinTitle => "Asked to join",
        MyJoinUntil => "until",
        MyJoinAskedBy => "Asked by",
        MyActivityTitle => "My activity",
        MyActivityBy => "by",
        MyActivityIn => "in",
        MyActivityOlder => "Show older",
        PinTitle => "Check a PIN",
        PinLead => {
            "When this person calls, ask for the first four digits of their authorization number, their PIN, and check it here."
        }
        PinLabel => "PIN",
        PinCheck => "Check the PIN",
        PinMatches => "The PIN matches.",
        PinDoesNotMatch => "The PIN does not match.",
        EmbedNotFramed => {
            "This page opens only inside a portal that your organisation has approved."
        }
        EmbedSessionRefused => {
            "This page could not open: the portal's sign-in was refused or has run out. Reload the portal's page to try again."
        }
        EmbeddingTitle => "Embedding in a portal",
        EmbeddingOrigins => "Origins that may show these pages in a frame",
        EmbeddingOriginsHint => {
            "One per line: the scheme (https, or http for localhost only), the host and the port if it has one."
        }
        SaveOrigins => "Save origins",
        PortalKeys => "Portal keys",
        PortalKeysHint => {
            "A portal's server signs people in to the embedded pages with a key: keep it secret, and revoke it when it is no longer used."
        }
        PortalKeyName => "Name of the new key",
        CreatePortalKey => "Create a key",
        PortalKeySecret => "The key's secret, shown this once: copy it now.",
        KeyCreated => "Created",
        KeyLastUsed => "Last used",
        Never => "Never",
    }
}
