package org.aiappstore.app.identity.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.aiappstore.app.AiAppStoreApi;
import org.junit.jupiter.api.Test;

/**
 * Access must be decided explicitly: every JAX-RS resource method has @RolesAllowed, @PermitAll
 * or @DenyAll, on itself or its class ({@link RoleCheckFilter} denies anything else).
 */
class ResourceAccessTest {

  @Test
  void shouldDeclareAccessOnEveryResourceMethod() throws Exception {
    List<String> undecided = new ArrayList<>();
    List<Class<?>> resources = resourceClasses();
    for (Class<?> resource : resources) {
      for (Method method : resource.getDeclaredMethods()) {
        if (isResourceMethod(method)
            && RoleCheckFilter.decidingElement(method, resource).isEmpty()) {
          undecided.add(resource.getSimpleName() + "." + method.getName());
        }
      }
    }
    assertThat(resources).hasSizeGreaterThan(5);
    assertThat(undecided).isEmpty();
  }

  private static boolean isResourceMethod(Method method) {
    return Stream.of(GET.class, POST.class, PUT.class, PATCH.class, DELETE.class, HEAD.class)
        .anyMatch(method::isAnnotationPresent);
  }

  private static List<Class<?>> resourceClasses() throws IOException, URISyntaxException {
    Path root =
        Path.of(AiAppStoreApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> resources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        try {
          Class<?> type = Class.forName(name, false, ResourceAccessTest.class.getClassLoader());
          if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
            resources.add(type);
          }
        } catch (ClassNotFoundException | LinkageError e) {
          // not loadable outside the container: not a resource this test can check
        }
      }
    }
    return resources;
  }
}
