package org.aiappstore.app.apps;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.aiappstore.plugin.api.deployment.AppResources;

/**
 * App records for tests: an active app with plain values, of which a test names only what matters
 * to it, instead of spelling out all eighteen components.
 */
public final class TestApps {

  private TestApps() {}

  /** An active app {@code id} of owner {@code u1} on backend {@code emissary}, created at epoch. */
  public static Builder app(String id) {
    return new Builder(id);
  }

  /** A copy of {@code app} to change. */
  public static Builder from(App app) {
    Builder builder = new Builder(app.id());
    builder.name = app.name();
    builder.cardId = app.cardId();
    builder.ownerId = app.ownerId();
    builder.backendId = app.backendId();
    builder.image = app.image();
    builder.port = app.port();
    builder.env = app.env();
    builder.secretEnvNames = app.secretEnvNames();
    builder.resources = app.resources();
    builder.minReplicas = app.minReplicas();
    builder.maxReplicas = app.maxReplicas();
    builder.scaleToZero = app.scaleToZero();
    builder.state = app.state();
    builder.url = app.url();
    builder.createdAt = app.createdAt();
    builder.updatedAt = app.updatedAt();
    builder.version = app.version();
    return builder;
  }

  /** Changes one component at a time; {@link #build()} makes the record. */
  public static final class Builder {
    private final String id;
    private String name;
    private String cardId;
    private String ownerId = "u1";
    private String backendId = "emissary";
    private String image = "ghcr.io/acme/x:1";
    private int port = 7860;
    private Map<String, String> env = Map.of();
    private List<String> secretEnvNames = List.of();
    private AppResources resources = AppResources.none();
    private int minReplicas = 1;
    private int maxReplicas = 1;
    private boolean scaleToZero;
    private AppState state = AppState.ACTIVE;
    private String url;
    private Instant createdAt = Instant.EPOCH;
    private Instant updatedAt = Instant.EPOCH;
    private long version = 1;

    private Builder(String id) {
      this.id = id;
      this.name = App.nameOf(id);
    }

    public Builder card(String cardId) {
      this.cardId = cardId;
      return this;
    }

    public Builder owner(String ownerId) {
      this.ownerId = ownerId;
      return this;
    }

    public Builder backend(String backendId) {
      this.backendId = backendId;
      return this;
    }

    public Builder image(String image) {
      this.image = image;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder replicas(int min, int max) {
      this.minReplicas = min;
      this.maxReplicas = max;
      return this;
    }

    public Builder scaleToZero(boolean scaleToZero) {
      this.scaleToZero = scaleToZero;
      return this;
    }

    public Builder state(AppState state) {
      this.state = state;
      return this;
    }

    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /** Created and last updated at {@code at}. */
    public Builder at(Instant at) {
      this.createdAt = at;
      this.updatedAt = at;
      return this;
    }

    public Builder version(long version) {
      this.version = version;
      return this;
    }

    public App build() {
      return new App(
          id,
          name,
          cardId,
          ownerId,
          backendId,
          image,
          port,
          env,
          secretEnvNames,
          resources,
          minReplicas,
          maxReplicas,
          scaleToZero,
          state,
          url,
          createdAt,
          updatedAt,
          version);
    }
  }
}
