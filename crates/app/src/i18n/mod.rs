//! The one catalogue of user-visible text, keyed by stable keys.
//!
//! Every word the app shows comes from here, and every error message from the domain's
//! `ErrorCode` catalogue, so adding French is a second column, not a hunt through the pages.

mod en;

/// A piece of user-visible text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    ProductName,
    SkipToContent,
    NotFoundTitle,
    NotFoundLead,
    NotFoundHome,
    NetworkError,
    Loading,
    // Signing in.
    SignInTitle,
    SignInLead,
    Username,
    UsernameLabel,
    Password,
    SignIn,
    SigningIn,
    SignOut,
    // Layout.
    Account,
    MainNavigation,
    NavUsers,
    NavGroups,
    NavAudit,
    SeatsUsed,
    NoAdminAccountTitle,
    NoAdminAccountLead,
    // Users list.
    UsersTitle,
    Search,
    SearchHint,
    FilterState,
    FilterRole,
    FilterGroup,
    FilterLicence,
    Any,
    Sort,
    SortName,
    SortNameDesc,
    SortEmail,
    SortState,
    SortNewest,
    AddUser,
    Name,
    Email,
    State,
    Role,
    Group,
    Licence,
    Licensed,
    NotLicensed,
    SelectAll,
    SelectUser,
    Selected,
    Suspend,
    Unsuspend,
    Unlock,
    Remove,
    Restore,
    Deprovision,
    DeleteForGood,
    MoveToGroup,
    Move,
    ResultsTitle,
    Done,
    NoUsers,
    Previous,
    Next,
    PageOf,
    UsersTotal,
    UserTotalOne,
    // States and roles.
    StateStaged,
    StateInvited,
    StateActive,
    StateSuspended,
    StateLocked,
    StateDeprovisioned,
    RoleAdmin,
    RoleUser,
    // Add and edit.
    AddUserTitle,
    AddUserLead,
    FirstName,
    LastName,
    Phone,
    PhoneHint,
    Language,
    LanguageEn,
    LanguageFr,
    UsernameSameAsEmail,
    SaveWithoutInviting,
    Saving,
    Cancel,
    FixFields,
    EditUser,
    Save,
    Saved,
    StaleTitle,
    Reload,
    BackToUsers,
    Profile,
    Actions,
    Memberships,
    ConfirmDelete,
    // Groups.
    GroupsTitle,
    NewGroup,
    GroupName,
    Members,
    MinPasswordLength,
    IdleTimeout,
    MayEditOwnDetails,
    Yes,
    No,
    Create,
    Delete,
    DefaultGroup,
    MoveMembersTo,
    // Audit.
    AuditTitle,
    When,
    Who,
    What,
    Target,
    Changes,
    FilterAction,
    Older,
    // Import and export.
    ImportTitle,
    ImportLead,
    ImportReading,
    ImportStepTemplate,
    ImportDownloadTemplate,
    ImportStepFill,
    ImportChooseFile,
    ImportDropHint,
    ImportRows,
    ImportRowsIn,
    ImportReady,
    ImportNeedAttention,
    ImportCheckedIn,
    ImportOnlyAttention,
    ImportDownloadAnnotated,
    ImportAnotherFile,
    ImportCreate,
    ImportRowReady,
    ImportRow,
    ImportGridCaption,
    ImportIssues,
    ImportDropRow,
    ImportDrop,
    ImportResultsTitle,
    ImportCreating,
    ImportSent,
    ImportRetryHint,
    TryAgain,
    ImportCreated,
    ImportAdded,
    ImportRefused,
    ImportNotSent,
    ImportDownloadResults,
    ImportInvite,
    ImportFinish,
    ImportInvited,
    ImportNotInvited,
    ImportUsers,
    ExportUsers,
    // Invitations, activation and passwords.
    SendInvitation,
    ResendInvitation,
    RevokeInvitation,
    SetTemporaryPassword,
    TemporaryPasswordShown,
    InvitationSent,
    InvitationExpired,
    NavInvitations,
    NavMailbox,
    InvitationsTitle,
    InvitationsLead,
    InvitationPending,
    Expires,
    NoInvitations,
    SelectInvitation,
    MailboxTitle,
    MailboxLead,
    MailboxEmpty,
    MailboxUnavailable,
    To,
    ActivateTitle,
    ActivateConfirmLead,
    Continue,
    ActivateLead,
    NewPassword,
    ConfirmPassword,
    MinimumLength,
    ChallengeQuestion,
    ChallengeAnswer,
    ActivateButton,
    Working,
    LinkInvalidTitle,
    PasswordsDiffer,
    ForgotPassword,
    ForgotTitle,
    ForgotLead,
    SendLink,
    ResetSent,
    ResetTitle,
    ResetDone,
    SetPassword,
    ChangePasswordTitle,
    ChangePasswordLead,
    CurrentPassword,
    ChangePassword,
    BackToSignIn,
    ResetConfirmLead,
    InviteOrResend,
    RoleAndAuthorities,
    SaveGrants,
    SelectAllAccounts,
    NotAMember,
    AddToAccounts,
    RemoveFromAccounts,
    Authority,
    NoAuthority,
    AssignLicence,
    ReleaseLicence,
    OutsideDomains,
    NavSettings,
    SettingsTitle,
    SeatsBought,
    ApprovedDomains,
    ApprovedDomainsHint,
    InvitationLifetime,
    PolicyTitle,
    PolicyReadOnly,
    Manage,
    PolicyLevels,
    PolicyLevelsHint,
    SeatsAndInvitations,
    ChooseAccountTitle,
    ChooseAccountLead,
    Resend,
    Revoke,
}

/// The text of `key` in the user's language (English until French lands).
pub const fn t(key: Key) -> &'static str {
    en::text(key)
}

/// The label of a user state.
pub fn state_label(state: &str) -> &'static str {
    t(match state {
        "staged" => Key::StateStaged,
        "invited" => Key::StateInvited,
        "active" => Key::StateActive,
        "suspended" => Key::StateSuspended,
        "locked" => Key::StateLocked,
        _ => Key::StateDeprovisioned,
    })
}

/// The label of a user's state, as "Invitation expired" for an invited user whose link has
/// lapsed (by the browser's clock).
pub fn user_state_label(state: &str, invitation_expires_at: Option<i64>) -> &'static str {
    let lapsed = invitation_expires_at.is_none_or(|at| (at as f64) * 1000.0 <= js_sys::Date::now());
    if state == "invited" && lapsed {
        t(Key::InvitationExpired)
    } else {
        state_label(state)
    }
}

/// `2026-11-23 01:30:05` from Unix seconds, in UTC.
pub fn utc(seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    let iso: String = date.to_iso_string().into();
    iso.get(..19).map(|s| s.replace('T', " ")).unwrap_or(iso)
}

/// The label of a role.
pub fn role_label(role: &str) -> &'static str {
    t(if role == "admin" {
        Key::RoleAdmin
    } else {
        Key::RoleUser
    })
}

/// The label of an audit action (the stable action names are the server's).
pub fn audit_action_label(action: &str) -> &'static str {
    match action {
        "user.created" => "User added",
        "user.added_to_account" => "Existing person added to the account",
        "user.updated" => "User edited",
        "user.suspended" => "User suspended",
        "user.unsuspended" => "User unsuspended",
        "user.unlocked" => "User unlocked",
        "user.locked_after_failed_signins" => "User locked after failed sign-ins",
        "user.unlocked_after_lockout" => "Lockout ended",
        "user.removed_from_account" => "User removed from the account",
        "user.deprovisioned" => "User deprovisioned",
        "user.restored" => "User restored",
        "user.deleted" => "User deleted for good",
        "user.invited" => "Invitation sent",
        "user.invitation_resent" => "Invitation sent again",
        "user.invitation_revoked" => "Invitation revoked",
        "user.activated" => "Account activated",
        "user.temporary_password_set" => "Temporary password set",
        "user.password_changed" => "Password changed",
        "user.password_reset" => "Password reset by link",
        "user.password_reset_requested" => "Password reset asked for",
        "group.created" => "Group created",
        "group.updated" => "Group edited",
        "group.deleted" => "Group deleted",
        _ => "Other change",
    }
}

/// The audit actions, in the order the filter offers them.
pub const AUDIT_ACTIONS: [&str; 21] = [
    "user.created",
    "user.added_to_account",
    "user.updated",
    "user.suspended",
    "user.unsuspended",
    "user.unlocked",
    "user.removed_from_account",
    "user.deprovisioned",
    "user.restored",
    "user.deleted",
    "user.invited",
    "user.invitation_resent",
    "user.invitation_revoked",
    "user.activated",
    "user.temporary_password_set",
    "user.password_changed",
    "user.password_reset",
    "user.password_reset_requested",
    "group.created",
    "group.updated",
    "group.deleted",
];

/// The button label of a state action.
pub fn action_label(action: &str) -> &'static str {
    t(match action {
        "suspend" => Key::Suspend,
        "unsuspend" => Key::Unsuspend,
        "unlock" => Key::Unlock,
        "deprovision" => Key::Deprovision,
        "restore" => Key::Restore,
        "delete_for_good" => Key::DeleteForGood,
        "invite" => Key::SendInvitation,
        "revoke_invitation" => Key::RevokeInvitation,
        "set_temporary_password" => Key::SetTemporaryPassword,
        _ => Key::Remove,
    })
}
