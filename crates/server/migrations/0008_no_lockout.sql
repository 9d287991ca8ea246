-- Failed sign-ins are throttled in memory (see throttle.rs), never counted towards a lockout:
-- their table goes.
DROP TABLE signin_failures;
