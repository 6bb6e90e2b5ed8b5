package org.aiappstore.plugins.data.s3;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.aiappstore.plugin.tck.data.testing.S3ProxyProcess;

/** The TCK's S3Proxy process, plus this plugin's config for one of its buckets. */
final class S3ProxyServer implements AutoCloseable {

  static final String ACCESS_KEY = S3ProxyProcess.ACCESS_KEY;
  static final String SECRET_KEY = S3ProxyProcess.SECRET_KEY;

  private final S3ProxyProcess process;

  private S3ProxyServer(S3ProxyProcess process) {
    this.process = process;
  }

  static S3ProxyServer start(Path directory) throws IOException, InterruptedException {
    return new S3ProxyServer(S3ProxyProcess.start(directory));
  }

  /** A working connector configuration for a bucket, as mutable raw values. */
  Map<String, String> config(String bucket) {
    Map<String, String> config = new HashMap<>();
    config.put(S3DataConnectorFactory.ENDPOINT, process.endpoint().toString());
    config.put(S3DataConnectorFactory.BUCKET, bucket);
    config.put(S3DataConnectorFactory.ACCESS_KEY, ACCESS_KEY);
    config.put(S3DataConnectorFactory.SECRET_KEY, SECRET_KEY);
    return config;
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
