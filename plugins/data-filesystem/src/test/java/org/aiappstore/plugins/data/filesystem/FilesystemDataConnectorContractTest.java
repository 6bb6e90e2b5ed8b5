package org.aiappstore.plugins.data.filesystem;

import java.nio.file.Path;
import java.util.Map;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.tck.data.DataConnectorContract;
import org.junit.jupiter.api.io.TempDir;

/** The filesystem connector against the data connector contract, on a fresh directory per test. */
class FilesystemDataConnectorContractTest extends DataConnectorContract {

  @TempDir Path temp;

  @Override
  protected DataConnectorFactory factory() {
    return new FilesystemDataConnectorFactory();
  }

  @Override
  protected Map<String, String> config() {
    return Map.of(FilesystemDataConnectorFactory.BASE_DIRECTORY, temp.resolve("store").toString());
  }
}
