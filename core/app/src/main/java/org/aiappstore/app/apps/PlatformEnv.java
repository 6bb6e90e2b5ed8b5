package org.aiappstore.app.apps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aiappstore.app.problem.JsonPointer;
import org.aiappstore.app.problem.Problem;

/**
 * Environment variables the platform gives every app, so that a Gradio (or any) app listens where
 * the platform routes to and builds its links under the prefix it is served at: apps are reached at
 * {@code /apps/{id}/} through the platform's proxy. Users cannot set these names.
 */
final class PlatformEnv {

  static final String PORT = "PORT";
  static final String GRADIO_ROOT_PATH = "GRADIO_ROOT_PATH";
  static final String GRADIO_SERVER_NAME = "GRADIO_SERVER_NAME";
  static final String GRADIO_SERVER_PORT = "GRADIO_SERVER_PORT";
  static final Set<String> NAMES =
      Set.of(PORT, GRADIO_ROOT_PATH, GRADIO_SERVER_NAME, GRADIO_SERVER_PORT);

  private PlatformEnv() {}

  /** The variables of an app, in a stable order. */
  static Map<String, String> of(App app) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(PORT, String.valueOf(app.port()));
    env.put(GRADIO_SERVER_NAME, "0.0.0.0");
    env.put(GRADIO_SERVER_PORT, String.valueOf(app.port()));
    env.put(GRADIO_ROOT_PATH, rootPath(app.id()));
    return env;
  }

  /** Where the platform serves an app, without the trailing slash (Gradio's root_path form). */
  static String rootPath(String appId) {
    return "/apps/" + appId;
  }

  /** A field error for each platform name among a user's variables. */
  static void check(Map<String, String> env, String field, List<Problem.FieldError> errors) {
    if (env == null) {
      return;
    }
    env.keySet().stream()
        .filter(NAMES::contains)
        .forEach(
            name ->
                errors.add(
                    new Problem.FieldError(
                        "/" + field + "/" + JsonPointer.escape(name), "is set by the platform")));
  }
}
