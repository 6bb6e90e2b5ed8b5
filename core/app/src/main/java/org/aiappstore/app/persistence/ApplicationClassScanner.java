package org.aiappstore.app.persistence;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import jakarta.data.repository.DataRepository;
import jakarta.nosql.Embeddable;
import jakarta.nosql.Entity;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jnosql.mapping.metadata.ClassScanner;

/**
 * Finds JNoSQL entities in this application's packages only. JNoSQL's default scanner reads every
 * class on the class path with full detail, which alone needs more than a 256 MB heap at startup;
 * ours is found first by {@code ServiceLoader} because WEB-INF/classes precedes WEB-INF/lib. The
 * application uses templates and the driver, no Jakarta Data repositories, so the repository sets
 * are empty.
 */
public final class ApplicationClassScanner implements ClassScanner {

  private static final String APPLICATION_PACKAGE = "org.aiappstore.app";

  private final Set<Class<?>> entities;
  private final Set<Class<?>> embeddables;

  public ApplicationClassScanner() {
    try (ScanResult scan =
        new ClassGraph()
            .enableClassInfo()
            .enableAnnotationInfo()
            .acceptPackages(APPLICATION_PACKAGE)
            .scan()) {
      entities = load(scan, Entity.class);
      embeddables = load(scan, Embeddable.class);
    }
  }

  private static Set<Class<?>> load(ScanResult scan, Class<?> annotation) {
    return scan.getClassesWithAnnotation(annotation.getName()).loadClasses().stream()
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public Set<Class<?>> entities() {
    return entities;
  }

  @Override
  public Set<Class<?>> repositories() {
    return Set.of();
  }

  @Override
  public Set<Class<?>> embeddables() {
    return embeddables;
  }

  @Override
  public <T extends DataRepository<?, ?>> Set<Class<?>> repositories(Class<T> filter) {
    return Set.of();
  }

  @Override
  public Set<Class<?>> repositoriesStandard() {
    return Set.of();
  }

  @Override
  public Set<Class<?>> customRepositories() {
    return Set.of();
  }
}
