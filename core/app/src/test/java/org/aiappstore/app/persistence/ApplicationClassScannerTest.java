package org.aiappstore.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.aiappstore.app.system.Installation;
import org.eclipse.jnosql.mapping.metadata.ClassScanner;
import org.junit.jupiter.api.Test;

class ApplicationClassScannerTest {

  @Test
  void shouldFindTheApplicationsEntities() {
    assertThat(new ApplicationClassScanner().entities()).contains(Installation.class);
  }

  @Test
  void shouldBeTheScannerJnosqlLoadsFirst() {
    assertThat(ServiceLoader.load(ClassScanner.class).findFirst())
        .get()
        .isInstanceOf(ApplicationClassScanner.class);
  }
}
