package ${package};

import java.nio.file.Path;
import java.util.Map;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.tck.data.DataConnectorContract;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole data connector contract of the plugin TCK, on a fresh directory per test: storing,
 * reading, ranges, missing objects, hostile keys, concurrent writers and a 128 MiB object. Tests of
 * undeclared capabilities (LIST, PRESIGNED_URLS) are skipped and their calls must be NOT_SUPPORTED.
 */
class ${classPrefix}DataConnectorContractTest extends DataConnectorContract {

  @TempDir Path temp;

  @Override
  protected DataConnectorFactory factory() {
    return new ${classPrefix}DataConnectorFactory();
  }

  @Override
  protected Map<String, String> config() {
    return Map.of(${classPrefix}DataConnectorFactory.DIRECTORY, temp.resolve("store").toString());
  }
}
