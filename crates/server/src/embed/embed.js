/*
 * Roster's embed.js: shows Roster's pages in a portal, in an iframe that needs no cookie.
 * Served by Roster at /embed.js; no framework, nothing else to load.
 *
 *   <div id="people"></div>
 *   <script src="https://roster.example.com/embed.js"></script>
 *   <script>
 *     const frame = Roster.mount(document.getElementById("people"), {
 *       url: "https://roster.example.com",    // where Roster is
 *       account: 3,                           // the account's id
 *       path: "users",                        // users, users/7, invitations, me… (below)
 *       // A single-use token from the portal's own back end, which asks Roster for it with
 *       // its portal key (POST /api/v1/embed/tokens) for the person signed in to the portal.
 *       fetchToken: () => fetch("/roster-token", { method: "POST" })
 *         .then((r) => r.json()).then((body) => body.token),
 *       theme: { accent: "#c2185b", radius: "2px" },  // accent, text, background, font, radius
 *       onEvent: (event) => console.log(event.name, event.id),  // user.created, import.finished…
 *     });
 *     frame.navigate("users/new");
 *   </script>
 *
 * The account must name the portal's origin among its embedding origins (its settings), or the
 * browser refuses to show the frame. The script answers the page's `ready` with a token from
 * `fetchToken()` (again whenever the session ends), sets the frame's height to its content's, and
 * passes the page's events on. Messages are `{type: "roster:…", version: 1, …}`, sent to Roster's
 * origin only, and taken only from the frame at that origin; anything else is ignored.
 *
 * The pages: "users" (the account's users), "users/new", "users/ID" (a user's page),
 * "invitations" and "users/import" (Import users) for the account's administrators; "me" (My
 * details: the person's own contact details, email, challenge question, authorization number and
 * sessions) for anyone, and the page to show a person who administers nothing, whom Roster
 * refuses the others (the embedded session has the person's own rights). Going to Import users
 * or back loads the frame afresh: it is handed a token again.
 *
 * Theme (the `theme` option, or setTheme later), each key optional, each a CSS custom property
 * of Roster's pages: accent (--roster-accent: links, focus, primary buttons), text
 * (--roster-text), background (--roster-bg), font (--roster-font: a font-family list) and radius
 * (--roster-radius: of buttons, fields and cards). A value is a colour, a length or a list of
 * fonts: at most 200 characters, without ; { } < or url(, or the page ignores it.
 *
 * Options: url, account, path (default "users"), fetchToken (required: a function returning a
 * token or a promise of one), theme, title (the frame's accessible name, default "Roster"),
 * onEvent({name, id}), onNavigate(path), onError(code).
 * Events: "user.created", "user.updated", "user.invited", "user.removed" (id: the user's), and
 * "import.finished" once an import has sent its rows, or stopped at a cancel (id: the account's;
 * the results are the Users page's).
 * Returns {iframe, navigate(path), setTheme(variables), unmount()}.
 */
(function () {
  "use strict";

  var VERSION = 1;

  function mount(element, options) {
    if (!element || !options || typeof options.fetchToken !== "function") {
      throw new TypeError("Roster.mount(element, {url, account, fetchToken, …})");
    }
    var origin = new URL(options.url, window.location.href).origin;
    var account = encodeURIComponent(String(options.account));
    var path = String(options.path || "users").replace(/^\/+/, "");
    var iframe = document.createElement("iframe");
    iframe.src = origin + "/embed/accounts/" + account + "/" + path;
    iframe.title = options.title || "Roster";
    iframe.style.display = "block";
    iframe.style.width = "100%";
    iframe.style.border = "0";
    iframe.style.height = "0";
    element.appendChild(iframe);

    function post(type, fields) {
      var message = { type: "roster:" + type, version: VERSION };
      for (var name in fields) {
        message[name] = fields[name];
      }
      if (iframe.contentWindow) {
        iframe.contentWindow.postMessage(message, origin);
      }
    }

    function call(callback, value) {
      if (typeof callback === "function") {
        try {
          callback(value);
        } catch (error) {
          console.error(error);
        }
      }
    }

    function handOver() {
      Promise.resolve()
        .then(options.fetchToken)
        .then(function (token) {
          if (typeof token !== "string" || token === "") {
            throw new Error("fetchToken() gave no token");
          }
          post("session", { token: token });
        })
        .catch(function (error) {
          console.error("Roster: no token for the frame", error);
          call(options.onError, "portal.no_token");
        });
    }

    function onMessage(event) {
      if (event.source !== iframe.contentWindow) {
        return;
      }
      var data = event.data;
      if (
        event.origin !== origin ||
        !data ||
        data.version !== VERSION ||
        typeof data.type !== "string"
      ) {
        console.warn("Roster: a message ignored, from", event.origin);
        return;
      }
      switch (data.type) {
        case "roster:ready":
          if (options.theme) {
            post("theme", { variables: options.theme });
          }
          handOver();
          break;
        case "roster:session_expired":
          handOver();
          break;
        case "roster:resize":
          if (typeof data.height === "number" && data.height >= 0) {
            iframe.style.height = Math.ceil(data.height) + "px";
          }
          break;
        case "roster:navigated":
          call(options.onNavigate, String(data.path));
          break;
        case "roster:event":
          call(options.onEvent, { name: String(data.name), id: data.id });
          break;
        case "roster:error":
          call(options.onError, String(data.code));
          break;
        default:
          console.warn("Roster: a message of an unknown type ignored", data.type);
      }
    }

    window.addEventListener("message", onMessage);
    return {
      iframe: iframe,
      navigate: function (page) {
        post("navigate", { path: String(page) });
      },
      setTheme: function (variables) {
        post("theme", { variables: variables });
      },
      unmount: function () {
        window.removeEventListener("message", onMessage);
        iframe.remove();
      },
    };
  }

  window.Roster = { mount: mount, version: VERSION };
})();
