package org.aiappstore.app.connector;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** What the console sends to create or change a connector instance. */
public record ConnectorInstanceRequest(
    @NotBlank(message = "is required")
        @Pattern(
            regexp = "[a-z][a-z0-9-]{1,39}",
            message = "use 2 to 40 lowercase letters, digits and dashes, starting with a letter")
        String id,
    @NotBlank(message = "is required") String kind,
    @NotBlank(message = "is required") String factoryId,
    @NotBlank(message = "is required") @Size(max = 80, message = "is at most 80 characters")
        String displayName,
    @NotNull(message = "must be an object of settings") Map<String, String> config) {}
