package org.aiappstore.app.config;

/**
 * Every configuration key of the application, defined once. Each key can be set as a MicroProfile
 * Config property, a Liberty server variable, or an environment variable ({@link
 * #environmentVariable()}).
 */
public enum ConfigKey {
  DATA_DIR(
      "aiappstore.data.dir",
      "./data",
      "Directory for the embedded database file and the filesystem object store."),
  PLUGINS_DIR(
      "aiappstore.plugins.dir",
      "./plugins",
      "Absolute, writable directory PF4J loads plugin zips and jars from (zips unpack beside them)."),
  REQUIRED_PLUGINS(
      "aiappstore.plugins.required",
      "data-filesystem",
      "Comma-separated plugin ids that must be STARTED for /health/ready to be UP."),
  MONGODB_URI(
      "aiappstore.mongodb.uri",
      "",
      "MongoDB connection string. Empty: start the embedded MongoDB-compatible server on DATA_DIR."),
  MONGODB_DATABASE("aiappstore.mongodb.database", "aiappstore", "Database name."),
  STORAGE_ACTIVE(
      "aiappstore.storage.active",
      "",
      "Connector instance that stores media and bundles until an admin activates another."
          + " Empty: the built-in 'filesystem' instance."),
  CONNECTORS_PREDEFINED(
      "aiappstore.connectors.predefined",
      "",
      "JSON array of connector instances defined by configuration (read-only in the console):"
          + " [{id, kind, factoryId, displayName, config: {...}}]."),
  STORAGE_FILESYSTEM_DIR(
      "aiappstore.storage.filesystem.baseDirectory",
      "",
      "Base directory of the built-in filesystem connector instance. Empty: DATA_DIR/objects."),
  MEDIA_MAX_IMAGE_BYTES(
      "aiappstore.media.max-image-bytes",
      "10485760",
      "Largest image upload in bytes (PNG, JPEG, GIF, WebP); larger ones get 413."),
  MEDIA_MAX_VIDEO_BYTES(
      "aiappstore.media.max-video-bytes",
      "209715200",
      "Largest video upload in bytes (MP4, WebM); larger ones get 413."),
  MEDIA_CLEANUP_GRACE_HOURS(
      "aiappstore.media.cleanup.grace-hours",
      "24",
      "Media no card references are deleted once they (and their last use in an edit) are this old."),
  MEDIA_CLEANUP_INTERVAL_MINUTES(
      "aiappstore.media.cleanup.interval-minutes", "60", "How often the media cleanup runs."),
  MEDIA_URL_HOURS(
      "aiappstore.media.url-hours",
      "2",
      "How long a signed media URL (in a card shown to someone allowed to see it) stays valid."),
  SEARCH_INDEX_DIR(
      "aiappstore.search.index-dir",
      "",
      "Directory of this server's search index (never shared between replicas). Empty:"
          + " DATA_DIR/search-index."),
  SEARCH_POLL_MILLIS(
      "aiappstore.search.poll-millis",
      "300",
      "How often the search index catches up with card changes made by other replicas."),
  SEARCH_CHANGE_LOG_RETENTION_HOURS(
      "aiappstore.search.change-log.retention-hours",
      "168",
      "How long card changes stay in the change log; an index further behind is rebuilt at start."),
  SEARCH_RECONCILE_MINUTES(
      "aiappstore.search.reconcile-minutes",
      "15",
      "How often the index is compared with the database card by card (id and version) and"
          + " repaired; 0 turns it off."),
  SEARCH_RAM_BUFFER_MB(
      "aiappstore.search.ram-buffer-mb",
      "16",
      "Heap the index writer may buffer before it flushes a segment to disk."),
  EXPERIMENT_CACHE_SECONDS(
      "aiappstore.experiments.cache-seconds",
      "300",
      "How long experiments and datasets read from trackers are cached (0: not at all)."),
  APPS_MAX_CPU(
      "aiappstore.apps.max-cpu",
      "4",
      "Most CPU (a Kubernetes quantity) a demo app may request or be limited to; more is 422."),
  APPS_MAX_MEMORY(
      "aiappstore.apps.max-memory",
      "16Gi",
      "Most memory (a Kubernetes quantity) a demo app may request or be limited to; more is 422."),
  APPS_MAX_GPUS(
      "aiappstore.apps.max-gpus",
      "1",
      "Most whole GPUs per demo app (0 disables GPUs); a backend must also declare GPU."),
  APPS_MAX_REPLICAS(
      "aiappstore.apps.max-replicas", "5", "Most replicas a demo app may have or be scaled to."),
  APPS_RECONCILE_INTERVAL_SECONDS(
      "aiappstore.apps.reconcile.interval-seconds",
      "60",
      "How often the app reconciler compares the database with the deployment backends (one"
          + " replica at a time, through a lease)."),
  APPS_ORPHAN_GRACE_MINUTES(
      "aiappstore.apps.reconcile.grace-minutes",
      "15",
      "Objects of an app the database does not know are deleted only once they are this old;"
          + " apps being created or deleted are left alone this long."),
  APPS_MAX_APPS_PER_USER(
      "aiappstore.apps.max-apps-per-user",
      "5",
      "Most apps one user may own, previews included (apps being deleted do not count); one more"
          + " is 409. Apps an admin creates for a card count for the card's owner."),
  APPS_MAX_GPUS_PER_USER(
      "aiappstore.apps.max-gpus-per-user",
      "2",
      "Most GPUs all apps of one user may request together, each app counting its GPUs per"
          + " instance times its maxReplicas; a create, update or restore beyond it is 409."),
  APPS_STREAMS_PER_USER(
      "aiappstore.apps.streams-per-user",
      "16",
      "Most app status and log streams one user may have open on one server at once; more get 429."),
  APPS_PREVIEW_TTL(
      "aiappstore.apps.preview-ttl",
      "PT2H",
      "How long a preview app (one not attached to a card) lives, an ISO-8601 duration; the app"
          + " reconciler then deletes it. Publishing it as a card's demo keeps it."),
  APPS_DEFAULT_BACKEND(
      "aiappstore.apps.default-backend",
      "",
      "Deployment-backend instance an app created without backendId runs on. Empty: the first"
          + " one configured."),
  APPS_FALLBACK_BACKEND(
      "aiappstore.apps.fallback-backend",
      "",
      "Backend used instead of the default when the default cannot run apps (e.g. a KNative"
          + " backend on a cluster without KNative Serving). Empty: the first emissary instance."),
  APPS_PROXY_WAKE_TIMEOUT(
      "aiappstore.apps.proxy.wake-timeout",
      "60",
      "Seconds the app proxy holds a request to an app scaled to zero while it starts; then 503."),
  APPS_PROXY_ANSWER_TIMEOUT(
      "aiappstore.apps.proxy.answer-timeout",
      "60",
      "Seconds the app proxy waits for an app's answer (status and headers) once the app has the"
          + " request, or since it last took a piece of the request's body; then 504. An answer"
          + " once begun (an event stream) is not limited."),
  APPS_PROXY_MAX_WEBSOCKETS(
      "aiappstore.apps.proxy.max-websockets",
      "200",
      "WebSocket connections the app proxy keeps open at once (each holds a thread); beyond, 503."),
  APPS_ORIGIN(
      "aiappstore.apps.origin",
      "",
      "Gives every app an origin of its own, e.g. https://{id}.apps.example.com (a wildcard DNS"
          + " name and certificate pointing at the platform): apps then run unsandboxed, apart from"
          + " the platform and from each other. Empty: apps are served at /apps/{id}/ of the"
          + " platform's origin in a CSP sandbox."),
  APPS_PROXY_TICKET_MINUTES(
      "aiappstore.apps.proxy.ticket-minutes",
      "15",
      "Lifetime of an app access ticket (the cookie that lets an iframe reach a private app)."),
  ADMIN_USERNAME(
      "aiappstore.admin.username",
      "admin",
      "Username of the first admin, created at startup when there is no user at all."),
  ADMIN_PASSWORD(
      "aiappstore.admin.password",
      "",
      "Password of the first admin. Empty: a random one is generated and logged once at WARNING."),
  BUILTIN_LOGIN_ENABLED(
      "aiappstore.auth.builtin.enabled",
      "true",
      "Whether username/password login is offered; false leaves only external OIDC sign-in."),
  JWT_ISSUER("aiappstore.auth.jwt.issuer", "aiappstore", "The iss claim of our access tokens."),
  JWT_AUDIENCE(
      "aiappstore.auth.jwt.audience", "aiappstore-api", "The aud claim of our access tokens."),
  ACCESS_TOKEN_MINUTES(
      "aiappstore.auth.access-token.minutes",
      "10",
      "Lifetime of an access token in minutes (1 to 15)."),
  REFRESH_TOKEN_DAYS(
      "aiappstore.auth.refresh-token.days",
      "14",
      "Lifetime of a refresh token (and its cookie) in days."),
  COOKIE_SECURE(
      "aiappstore.auth.cookie-secure",
      "false",
      "Mark the refresh and CSRF cookies Secure (set true whenever the app is served over HTTPS)."),
  TRUST_FORWARDED_FOR(
      "aiappstore.auth.trust-forwarded-for",
      "false",
      "Take the client address for login throttling from X-Forwarded-For (only behind a proxy"
          + " that sets it)."),
  THROTTLE_ACCOUNT_MAX_FAILURES(
      "aiappstore.auth.throttle.account.max-failures",
      "5",
      "Failed logins (and wrong current passwords on a password change) per account within the"
          + " window before further attempts get 429."),
  THROTTLE_ADDRESS_MAX_FAILURES(
      "aiappstore.auth.throttle.address.max-failures",
      "20",
      "Failed logins per client address within the window before further attempts get 429."),
  THROTTLE_WINDOW_MINUTES(
      "aiappstore.auth.throttle.window-minutes", "15", "Login throttling window in minutes."),
  OIDC_ISSUER(
      "aiappstore.oidc.issuer",
      "",
      "Issuer (iss) of an external OpenID Connect provider whose access tokens are accepted."
          + " Empty: external sign-in is off."),
  OIDC_JWKS_URI("aiappstore.oidc.jwks-uri", "", "JWKS URL of the external OIDC provider."),
  OIDC_AUDIENCE(
      "aiappstore.oidc.audience",
      "",
      "Required aud of external access tokens. Empty: their azp or aud must name"
          + " aiappstore.oidc.client-id instead (with neither set, external tokens are refused)."),
  OIDC_ROLES_CLAIM(
      "aiappstore.oidc.roles-claim",
      "realm_access.roles",
      "Dotted path of the claim that lists the external user's roles."),
  OIDC_ADMIN_ROLE(
      "aiappstore.oidc.admin-role",
      "admin",
      "External role that makes a user an admin here; any other signed-in user is a user."),
  OIDC_PERSONAL_TOKEN_SIGN_IN_DAYS(
      "aiappstore.oidc.personal-token.sign-in-days",
      "30",
      "Personal API tokens of a user of the external provider work while the user's last sign-in"
          + " through the provider is at most this many days old (at least 1); then they are"
          + " refused until the user signs in through the provider again."),
  OIDC_CLIENT_ID("aiappstore.oidc.client-id", "", "OIDC client id the web app signs in with."),
  OIDC_AUTHORIZATION_ENDPOINT(
      "aiappstore.oidc.authorization-endpoint", "", "OIDC authorization endpoint for the web app."),
  OIDC_TOKEN_ENDPOINT("aiappstore.oidc.token-endpoint", "", "OIDC token endpoint for the web app."),
  OIDC_SCOPE(
      "aiappstore.oidc.scope", "openid profile email", "Scopes the web app requests from OIDC."),
  JOBS_POLL_MILLIS(
      "aiappstore.jobs.poll-millis", "1000", "How often an idle instance looks for queued jobs."),
  JOBS_LEASE_SECONDS(
      "aiappstore.jobs.lease-seconds",
      "30",
      "Lease of the instance running background jobs; a job whose runner died is recovered (restarted"
          + " or failed as interrupted) once this has passed."),
  API_MAX_JSON_BYTES(
      "aiappstore.api.max-json-bytes",
      "33554432",
      "Largest JSON request body in bytes (a card's two documents may each hold 2 million"
          + " characters); larger ones get 413."),
  API_MAX_JSON_VALUES(
      "aiappstore.api.max-json-values",
      "1000000",
      "Most values (array elements and object members) a JSON request body may hold; more get"
          + " 413. Each costs the server tens of bytes of memory once parsed, whatever its size in"
          + " the text."),
  IMPORT_MAX_BYTES(
      "aiappstore.import.max-bytes",
      "2147483648",
      "Largest bundle upload in bytes; larger ones get 413."),
  IMPORT_MAX_ENTRIES("aiappstore.import.max-entries", "20000", "Most entries a bundle may have."),
  IMPORT_MAX_UNCOMPRESSED_BYTES(
      "aiappstore.import.max-uncompressed-bytes",
      "8589934592",
      "Most bytes all entries of a bundle may inflate to (guards against zip bombs)."),
  IMPORT_MAX_JSON_ENTRY_BYTES(
      "aiappstore.import.max-json-entry-bytes",
      "67108864",
      "Most bytes of one card.json, part of a card's history (revisions.json, revisions-2.json,"
          + " ...) or meta.json of a bundle; the import holds one such entry in memory at a time"
          + " (a history is read part by part). Exports write history parts of at most a quarter"
          + " of this, and at most 16 MiB, so that a server with the default reads them."),
  AUDIT_RETENTION_DAYS(
      "aiappstore.audit.retention-days",
      "365",
      "Audit records older than this many days are deleted by a daily cleanup (0: kept forever)."),
  WEBHOOKS_ALLOWED_HOSTS(
      "aiappstore.webhooks.allowed-hosts",
      "",
      "Comma-separated hosts webhooks may be sent to: exact names or addresses, or *.suffix for"
          + " any subdomain of suffix. Checked on save and before every delivery. Empty: every"
          + " webhook is refused."),
  WEBHOOKS_RETRY_BASE_MILLIS(
      "aiappstore.webhooks.retry-base-millis",
      "1000",
      "Wait before the first retry of a failed delivery; it doubles with every further attempt."),
  WEBHOOKS_MAX_ATTEMPTS(
      "aiappstore.webhooks.max-attempts",
      "8",
      "Delivery attempts per event before it is marked failed."),
  WEBHOOKS_TIMEOUT_SECONDS(
      "aiappstore.webhooks.timeout-seconds",
      "5",
      "Time a receiver has to connect and answer one delivery."),
  WEBHOOKS_POLL_MILLIS(
      "aiappstore.webhooks.poll-millis",
      "1000",
      "How often the replica holding the webhooks lease looks for due deliveries.");

  private final String key;
  private final String defaultValue;
  private final String description;

  ConfigKey(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /**
   * The environment variable MicroProfile Config maps to this key: every character that is neither
   * a letter, a digit nor {@code _} becomes {@code _}, then all upper case.
   */
  public String environmentVariable() {
    return key.replaceAll("[^A-Za-z0-9_]", "_").toUpperCase(java.util.Locale.ROOT);
  }
}
