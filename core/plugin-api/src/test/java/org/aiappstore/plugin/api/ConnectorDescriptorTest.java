package org.aiappstore.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectorDescriptorTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "s3",
        "filesystem",
        "experiment-clearml",
        "a1234567890123456789012345678901234567x"
      })
  void shouldAcceptLowercaseIds(String id) {
    assertThat(new ConnectorDescriptor(id, "Name", "desc", null).id()).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "s",
        "S3",
        "3s",
        "-s",
        "my_store",
        "a b",
        "a12345678901234567890123456789012345678901"
      })
  void shouldRejectInvalidIds(String id) {
    assertThatThrownBy(() -> new ConnectorDescriptor(id, "Name", "desc", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(id);
  }

  @Test
  void shouldRequireADisplayName() {
    assertThatThrownBy(() -> new ConnectorDescriptor("s3", " ", "", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldDefaultDescriptionToEmpty() {
    assertThat(new ConnectorDescriptor("s3", "S3", null, null).description()).isEmpty();
  }
}
