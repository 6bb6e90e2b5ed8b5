package org.aiappstore.plugin.api.data;

/** Optional abilities of a {@link DataConnector}. */
public enum DataCapability {
  /** {@link DataConnector#get} honours ranges other than {@link ByteRange#all()}. */
  RANGES,
  /** {@link DataConnector#list} is supported. */
  LIST,
  /** {@link DataConnector#presignedGet} is supported. */
  PRESIGNED_URLS
}
