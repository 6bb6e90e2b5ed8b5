package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The build drops an incompatible and a failing plugin beside data-filesystem before the server
 * starts.
 */
class PluginsIT {

  private Map<String, Object> plugin(String id) {
    JsonPath json =
        AuthIT.asAdmin().get("/api/v1/plugins").then().statusCode(200).extract().jsonPath();
    List<Map<String, Object>> plugins = json.getList("$");
    return plugins.stream().filter(p -> id.equals(p.get("id"))).findFirst().orElseThrow();
  }

  @Test
  void shouldStartTheFilesystemDataConnector() {
    Map<String, Object> filesystem = plugin("data-filesystem");
    assertThat(filesystem.get("state")).isEqualTo("STARTED");
    assertThat(filesystem.get("extensions").toString()).contains("data-connector");
  }

  @Test
  void shouldListAnIncompatiblePluginAsDisabledWithItsReason() {
    Map<String, Object> incompatible = plugin("incompatible-demo");
    assertThat(incompatible.get("state")).isEqualTo("DISABLED");
    assertThat((String) incompatible.get("reason")).contains(">=99.0.0");
  }

  @Test
  void shouldListAPluginThatThrowsOnStartAsFailed() {
    Map<String, Object> failing = plugin("failing-demo");
    assertThat(failing.get("state")).isEqualTo("FAILED");
    assertThat((String) failing.get("reason")).contains("cannot reach its backing service");
  }

  @Test
  void shouldOfferTheFilesystemFactoryWithItsSchema() {
    JsonPath json =
        AuthIT.asAdmin()
            .get("/api/v1/connector-factories")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(json.getList("id", String.class)).contains("filesystem");
    assertThat(json.getList("find { it.id == 'filesystem' }.configSchema.name", String.class))
        .contains("baseDirectory");
  }
}
