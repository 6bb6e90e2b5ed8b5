package org.aiappstore.plugin.tck.data;

import java.util.Map;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.tck.data.testing.InMemoryDataConnectorFactory;

/** The in-memory fake passes the whole contract. */
class InMemoryDataConnectorContractTest extends DataConnectorContract {

  @Override
  protected DataConnectorFactory factory() {
    return new InMemoryDataConnectorFactory();
  }

  @Override
  protected Map<String, String> config() {
    return Map.of();
  }

  @Override
  protected long largeObjectSize() {
    return 3L * 1024 * 1024 + 5;
  }
}
