/**
 * A data connector storing objects in an S3-compatible bucket (Amazon S3, MinIO, Ceph RGW, ...)
 * through the AWS SDK for Java v2 with the JDK-based URL connection HTTP client. Credentials are
 * static and come from the connector configuration only.
 */
package org.aiappstore.plugins.data.s3;
